// The record format
export * from './dataset-record';

// Building
export { buildDataset, defaultImageRef, BUILDER_VERSION } from './build-dataset';
export type { BuildDatasetOptions, BuildProgress, BuildReport } from './build-dataset';
export { BUILD_DEFAULTS, resolveBuildConfig, parseSiblingStates } from './build-config';
export type { DatasetBuildConfig, SiblingStates } from './build-config';
export type { BuildStats, RecordAccounting } from './build-stats';
export { RolloutTree, rootState, childState, streamSeed, siblingSeed } from './rollout-tree';
export type { IsCorrectAnswer, RolloutState, StateValue } from './rollout-tree';
export { solutionId } from './solution-builder';

// Stores
export { MemoryDatasetStore } from './dataset-store';
export type { DatasetStore } from './dataset-store';
export { JsonlDatasetStore, DatasetHeaderMismatchError, readDatasetSidecar, SIDECAR_SUFFIX, SIDECAR_FORMAT } from './jsonl-dataset-store';
export type { DatasetSidecar, JsonlStoreOptions } from './jsonl-dataset-store';

// Files: our JSONL, TRL stepwise supervision, images
export { readDatasetJsonl, parseDatasetJsonl, writeDatasetJsonl, serialiseRecord, resolveImageRef } from './dataset-jsonl';
export { parseSolutionRecord } from './record-validation';
export { DatasetFormatError } from './dataset-format-error';
export { toTrlRows, writeTrlJsonl, readTrlJsonl, parseTrlJsonl, parseTrlRow, trlRowToRecord, TRL_EXPORT_DEFAULTS } from './trl-format';
export type { TrlStepwiseRow, TrlExportOptions } from './trl-format';
export { writeDatasetImages } from './dataset-images';

// Provenance and statistics
export { datasetDigest } from './dataset-digest';
export { summariseDataset } from './dataset-summary';
export type { DatasetSummary } from './dataset-summary';

export { CHECKPOINT_CONTENT_TYPE, PostgresCheckpointStore } from './postgres-checkpoint-store';
export type { PostgresCheckpointStoreOptions } from './postgres-checkpoint-store';
export { recordMetricPoints } from './metric-points';
export { MODEL_ARTIFACT_CONTENT_TYPE, readModelArtifact, saveTrainedModelVersion } from './model-version-store';
export type { TrainedModelInput } from './model-version-store';

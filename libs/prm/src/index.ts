// Backend choice
export { initBackend, currentBackend, getTf, BACKEND_ORDER } from './backend';
export type { BackendName, BackendPreference, BackendChoice, BackendLogger, InitBackendOptions, SkippedBackend } from './backend';

// Ops that train on wasm
export { gather } from './ops/gather';
export { conv2dIm2col } from './ops/conv2d-im2col';
export type { Conv2dOptions, Conv2dPadding } from './ops/conv2d-im2col';

// Losses
export { valueLoss, valueLossPerExample } from './losses/value-loss';
export type { ValueLossKind, ValueLossOptions } from './losses/value-loss';
export { rankLoss } from './losses/rank-loss';
export { buildRankPairs, emptyRankPairs, DEFAULT_RANK_EPS } from './losses/rank-pairs';
export type { RankPairs } from './losses/rank-pairs';
export { totalLoss, DEFAULT_LOSS_CONFIG } from './losses/total-loss';
export type { LossConfig, LossTerms } from './losses/total-loss';

// Metrics (plain numbers)
export { auroc, stepAuroc, DEFAULT_HARD_LABEL_THRESHOLD } from './metrics/auroc';
export { pairAccuracy } from './metrics/pair-accuracy';
export type { PairWeighting } from './metrics/pair-accuracy';
export { expectedCalibrationError, DEFAULT_ECE_BINS } from './metrics/calibration';
export type { CalibrationTarget, EceOptions } from './metrics/calibration';
export { meanValueLoss, meanRankLoss, sigmoid, softplus } from './metrics/host-losses';
export { evaluatePredictions } from './metrics/evaluate';
export type { EvalMetrics, EvalOptions } from './metrics/evaluate';

// Training
export type { PrmModel, NamedVariable, ForwardContext } from './train/prm-model';
export type { PrmExample, ExampleSource } from './train/examples';
export { fixedExamples, freshExamples } from './train/examples';
export { siblingUnits, clusterUnits, packBatches, epochBatches } from './train/batching';
export { Trainer } from './train/trainer';
export type { TrainerOptions, RunOptions, TrainResult, TrainProgress, TrainMetrics } from './train/trainer';
export { resolveTrainerConfig, trainingDigest, DEFAULT_TRAINER_CONFIG } from './train/trainer-config';
export type { TrainerConfig, TrainerConfigInput } from './train/trainer-config';
export { Adam, DEFAULT_ADAM_CONFIG } from './train/adam';
export type { AdamConfig, AdamState } from './train/adam';
export { learningRateAt, DEFAULT_LR_SCHEDULE } from './train/lr-schedule';
export type { LrScheduleConfig, LrDecay } from './train/lr-schedule';
export { clipByGlobalNorm } from './train/clip';
export { glorotUniform, namedVariable } from './train/init';
export { assignWeights } from './train/weights';
export { predictLogits, predictLogitsAsync, predictValues } from './train/predict';
export { encodeCheckpoint, decodeCheckpoint } from './train/checkpoint';
export type { TrainingCheckpoint, CheckpointPosition } from './train/checkpoint';
export { MemoryCheckpointStore, DirectoryCheckpointStore, latestCheckpointStep, DEFAULT_KEEP_LAST } from './train/checkpoint-store';
export type { CheckpointStore, StoreOptions } from './train/checkpoint-store';

// Models
export { MlpPrm, DEFAULT_MLP_PRM_CONFIG } from './models/mlp-prm';
export type { MlpPrmConfig, FeatureVector } from './models/mlp-prm';

// Artifacts
export { exportArtifact, loadArtifactWeights, encodeArtifact, decodeArtifact, toModelArtifacts, fromModelArtifacts, ARTIFACT_FORMAT } from './io/artifact';
export type { PrmArtifact, PrmArtifactMetadata } from './io/artifact';
export { writeArtifactDir, readArtifactDir, MODEL_JSON, WEIGHTS_BIN } from './io/artifact-dir';
export { encodeWeightData, decodeWeightData, readWeights } from './io/weight-data';
export type { WeightArray, WeightDtype } from './io/weight-data';
export type { JsonValue } from './io/container';

// Scorers for the search
export { ModelPrm } from './model-prm';
export type { ModelPrmOptions } from './model-prm';
export { HttpPrm, DEFAULT_HTTP_PRM_CONFIG } from './http/http-prm';
export type { HttpPrmConfig, HttpPrmOptions } from './http/http-prm';
export { HttpPrmError } from './http/http-prm-error';
export type { HttpPrmErrorKind } from './http/http-prm-error';
export { vllmPoolingFormat, classifyFormat, renderQwenChatMl, assistantText, QWEN_PRM_SYSTEM_PROMPT } from './http/reward-formats';
export type { RewardFormat, RewardRequest, PromptSettings } from './http/reward-formats';
export type { RetryPolicy } from './http/http-post';

// Model kinds: one registry for the worker (training, evaluations) and the API (served search)
export { ModelRegistry, UnknownModelKindError, ModelLoadError, modelKindOf } from './registry/model-registry';
export { MODEL_KIND_EXTRA_KEY } from './registry/model-kind';
export type { ModelKind, ModelKindLogger, TrainingInput, TrainingSetup, ScorerSetup } from './registry/model-kind';
export { registerBuiltinModelKinds } from './registry/builtin-kinds';
export { loadModelPlugins } from './registry/model-plugins';
export type { ModelPlugin } from './registry/model-plugins';
// TEST DOUBLE kind (never registered by default): tests and benchmarks register it themselves
export { testMlpKind, testMlpFeatures, registerTestMlpKind, TEST_MLP_KIND } from './registry/test-mlp-kind';

// The multimodal PRM (question + image pixels + steps -> value)
export { conv2dNative } from './ops/conv2d-native';
export type { NativeConvPadding } from './ops/conv2d-native';
export { tokenize, numbersOf, Vocabulary, PAD, UNK, NUM, SPECIAL_TOKENS } from './multimodal/tokenizer';
export type { Token, VocabularyJson } from './multimodal/tokenizer';
export { decodeImage, resizeRgb, imagePalette, hashBytes, ImageCache, MAX_PALETTE_COLORS } from './multimodal/image-input';
export type { PrmImage, Palette } from './multimodal/image-input';
export { MmFeaturizer, DEFAULT_FEATURIZER_CONFIG, hashText } from './multimodal/featurizer';
export type { MmFeaturizerConfig, MmFeatures, MmUnit, MmQuestion } from './multimodal/featurizer';
export { packBatch } from './multimodal/batch';
export type { PackedBatch } from './multimodal/batch';
export { MultimodalPrm, MULTIMODAL_PRM_NAME, signedCombinations } from './multimodal/model';
export { DEFAULT_MM_MODEL_CONFIG } from './multimodal/model-config';
export type { MmModelConfig, MmAggregation } from './multimodal/model-config';
export { kmeansColors } from './multimodal/kmeans';
export { recordExamples, loadRecordImage, readSolutionDataset, splitByQuestion } from './multimodal/records';
export type { RecordExample, ExampleOrigin, RecordExampleOptions, LoadedDataset } from './multimodal/records';
export { simSolutionRecords, SIM_RECORD_DEFAULTS } from './multimodal/sim-records';
export type { SimRecordOptions, SimRecords } from './multimodal/sim-records';
export { stepKind, evaluateScored, STEP_KINDS } from './multimodal/evaluate';
export type { StepKind, PrmEvaluation } from './multimodal/evaluate';
export { trainMultimodalPrm, evaluateExamples, DEFAULT_MULTIMODAL_TRAINING, DEFAULT_HELD_OUT_SHARE, VOCAB_FILE, METRICS_FILE, CHECKPOINT_DIR } from './multimodal/train-multimodal';
export type { MultimodalTrainOptions, MultimodalTrainResult, FreshDataOptions } from './multimodal/train-multimodal';
export { loadMultimodalPrm, multimodalPrmFromArtifact, createTfjsPrm } from './multimodal/load';
export type { LoadedMultimodalPrm, TfjsPrmOptions } from './multimodal/load';
export { multimodalKind, MULTIMODAL_KIND } from './multimodal/multimodal-kind';

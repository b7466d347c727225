/** Trainer settings, their defaults, and the digest that ties a checkpoint to its run. */
import { createHash } from 'node:crypto';
import { DEFAULT_RANK_EPS } from '../losses/rank-pairs';
import { DEFAULT_LOSS_CONFIG, type LossConfig } from '../losses/total-loss';
import { DEFAULT_ECE_BINS, type CalibrationTarget } from '../metrics/calibration';
import { DEFAULT_ADAM_CONFIG, type AdamConfig } from './adam';
import { DEFAULT_LR_SCHEDULE, type LrScheduleConfig } from './lr-schedule';

export interface TrainerConfig {
  /** Run seed: data of each pass, shuffling, dropout. (Model init has its own seed in the model config.) */
  seed: number;
  /** Optimizer steps of the whole run (the schedule decays over these). */
  steps: number;
  batchSize: number;
  lr: LrScheduleConfig;
  adam: AdamConfig;
  /** Clip gradients to this global L2 norm; null = no clipping. */
  clipNorm: number | null;
  loss: LossConfig;
  /** Rank pairs need v_i > v_j + rankEps. */
  rankEps: number;
  /** Evaluate on the held-out set every N steps (and after the last); 0 = only after the last. */
  evalEvery: number;
  evalBatchSize: number;
  eceBins: number;
  eceAgainst: CalibrationTarget;
  /** Write a checkpoint every N steps (and after the last); 0 = never. */
  checkpointEvery: number;
  /** Report progress every N steps. */
  progressEvery: number;
  /** Write a checkpoint when aborted (a graceful stop loses no steps). */
  checkpointOnAbort: boolean;
}

export const DEFAULT_TRAINER_CONFIG: TrainerConfig = {
  seed: 1, // any fixed value: runs are reproducible from their config
  steps: 10_000, // the prototype's best held-out AUROC came after ~6k batches (11.5 min at 114 ms/batch) and was still rising
  batchSize: 64, // the prototype's batch (PRM-BAS.md); bigger batches did not help there
  lr: DEFAULT_LR_SCHEDULE,
  adam: DEFAULT_ADAM_CONFIG,
  clipNorm: 1, // common default for Adam-trained transformers/MLPs; guards against early spikes
  loss: DEFAULT_LOSS_CONFIG,
  rankEps: DEFAULT_RANK_EPS,
  evalEvery: 500, // ~1 min of training on wasm at prototype speed
  evalBatchSize: 256, // inference only; bounded to keep peak memory small
  eceBins: DEFAULT_ECE_BINS,
  eceAgainst: 'soft', // the PRM predicts the soft value v (see metrics/calibration.ts)
  checkpointEvery: 1000, // ~2 min of work lost at most on a kill
  progressEvery: 10, // frequent enough for a live chart, cheap to stream
  checkpointOnAbort: true,
};

export type TrainerConfigInput = Partial<Omit<TrainerConfig, 'lr' | 'adam' | 'loss'>> & {
  lr?: Partial<LrScheduleConfig>;
  adam?: Partial<AdamConfig>;
  loss?: Partial<LossConfig>;
};

export function resolveTrainerConfig(input: TrainerConfigInput = {}): TrainerConfig {
  const c: TrainerConfig = {
    ...DEFAULT_TRAINER_CONFIG,
    ...input,
    lr: { ...DEFAULT_TRAINER_CONFIG.lr, ...input.lr },
    adam: { ...DEFAULT_TRAINER_CONFIG.adam, ...input.adam },
    loss: { ...DEFAULT_TRAINER_CONFIG.loss, ...input.loss },
  };
  const positiveInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new Error(`trainer config: ${name} must be a positive integer, got ${v}`);
  };
  const nonNegativeInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 0) throw new Error(`trainer config: ${name} must be a non-negative integer, got ${v}`);
  };
  positiveInt('steps', c.steps);
  positiveInt('batchSize', c.batchSize);
  positiveInt('evalBatchSize', c.evalBatchSize);
  positiveInt('progressEvery', c.progressEvery);
  positiveInt('eceBins', c.eceBins);
  nonNegativeInt('evalEvery', c.evalEvery);
  nonNegativeInt('checkpointEvery', c.checkpointEvery);
  nonNegativeInt('lr.warmupSteps', c.lr.warmupSteps);
  if (!Number.isInteger(c.seed)) throw new Error(`trainer config: seed must be an integer, got ${c.seed}`);
  if (!(c.lr.peak > 0)) throw new Error(`trainer config: lr.peak must be > 0, got ${c.lr.peak}`);
  if (!(c.lr.minRatio >= 0 && c.lr.minRatio <= 1)) throw new Error(`trainer config: lr.minRatio must be in [0, 1], got ${c.lr.minRatio}`);
  if (c.clipNorm !== null && !(c.clipNorm > 0)) throw new Error(`trainer config: clipNorm must be > 0 or null, got ${c.clipNorm}`);
  if (!(c.loss.lambdaRank >= 0)) throw new Error(`trainer config: loss.lambdaRank must be >= 0, got ${c.loss.lambdaRank}`);
  if (!(c.rankEps >= 0)) throw new Error(`trainer config: rankEps must be >= 0, got ${c.rankEps}`);
  return c;
}

/**
 * Digest of the settings that change what a step computes. Reporting cadence (eval, progress,
 * checkpoints) is left out, so a resumed run may evaluate or checkpoint at another rhythm.
 */
export function trainingDigest(c: TrainerConfig): string {
  const relevant = { seed: c.seed, steps: c.steps, batchSize: c.batchSize, lr: c.lr, adam: c.adam, clipNorm: c.clipNorm, loss: c.loss, rankEps: c.rankEps };
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 16);
}

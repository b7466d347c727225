/**
 * The training loop any `PrmModel` plugs into: seeded passes over an example source, Adam with a
 * warmup + decay schedule and global-norm clipping, held-out evaluation, progress and metrics
 * callbacks, checkpoints, exact resume and abort.
 *
 * Exact resume: all randomness is positional (see train/checkpoint.ts), the optimizer state is
 * restored bit for bit, and a step depends only on (weights, Adam state, batch, step), so a run
 * resumed from the checkpoint of step k repeats steps k+1.. exactly as the uninterrupted run did.
 *
 * The loop yields to the event loop after every step (`setImmediate`): a synchronous loop would
 * starve logs, HTTP heartbeats and the abort signal of the process it runs in.
 */
import { hashSeed, Rng } from '@prmbas/search';
import { evaluatePredictions, type EvalMetrics } from '../metrics/evaluate';
import { readWeights } from '../io/weight-data';
import { Adam } from './adam';
import { epochBatches } from './batching';
import { decodeCheckpoint, encodeCheckpoint, type TrainingCheckpoint } from './checkpoint';
import { latestCheckpointStep, type CheckpointStore } from './checkpoint-store';
import type { ExampleSource, PrmExample } from './examples';
import { learningRateAt } from './lr-schedule';
import { predictLogitsAsync } from './predict';
import type { PrmModel } from './prm-model';
import { resolveTrainerConfig, trainingDigest, type TrainerConfig, type TrainerConfigInput } from './trainer-config';
import { trainStep, type StepStats } from './train-step';
import { assignWeights } from './weights';

export interface TrainProgress extends StepStats {
  step: number;
  totalSteps: number;
  epoch: number;
  lr: number;
  /** Mean wall time of the steps since the last report. */
  msPerStep: number;
  examplesPerSecond: number;
}

export interface TrainMetrics extends EvalMetrics {
  step: number;
  epoch: number;
  split: 'eval';
  /** Mean training loss over the steps since the previous evaluation. */
  trainLoss: number | null;
  lr: number;
  elapsedMs: number;
}

export interface TrainerOptions<F> {
  model: PrmModel<F>;
  source: ExampleSource<F>;
  /** Held-out examples (fixed); without them evaluation is skipped. */
  evalExamples?: readonly PrmExample<F>[];
  config?: TrainerConfigInput;
  checkpoints?: CheckpointStore;
  onProgress?: (progress: TrainProgress) => void;
  /** Awaited: a slow consumer (a database write) slows training rather than piling up. */
  onMetrics?: (metrics: TrainMetrics) => void | Promise<void>;
  onCheckpoint?: (step: number, bytes: Uint8Array) => void | Promise<void>;
  /** Injectable clock for timings. */
  now?: () => number;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Continue from the newest checkpoint ('latest', the default when a store is given), a given step, or start fresh (false). */
  resume?: 'latest' | number | false;
}

export interface TrainResult {
  status: 'completed' | 'aborted';
  step: number;
  resumedFrom: number | null;
  lastEval: EvalMetrics | null;
  elapsedMs: number;
}

export class Trainer<F> {
  readonly config: TrainerConfig;
  readonly digest: string;
  private readonly adam: Adam;
  private step = 0;
  private epoch = 0;
  private batchInEpoch = 0;
  private batches: PrmExample<F>[][] | null = null;
  private lastEval: EvalMetrics | null = null;
  private lastCheckpoint = -1;
  private readonly now: () => number;

  constructor(private readonly options: TrainerOptions<F>) {
    this.config = resolveTrainerConfig(options.config);
    this.digest = trainingDigest(this.config);
    this.adam = new Adam(options.model.weights, this.config.adam);
    this.now = options.now ?? (() => performance.now());
  }

  get completedSteps(): number {
    return this.step;
  }

  async run(options: RunOptions = {}): Promise<TrainResult> {
    const start = this.now();
    const { config: c, model } = { config: this.config, model: this.options.model };
    const resumedFrom = await this.resume(options.resume ?? 'latest');
    let window = { steps: 0, ms: 0, examples: 0 };
    let evalLoss = { sum: 0, count: 0 };
    let status: TrainResult['status'] = 'completed';
    while (this.step < c.steps) {
      if (options.signal?.aborted) {
        status = 'aborted';
        break;
      }
      const batch = await this.nextBatch();
      const lr = learningRateAt(this.step, c.steps, c.lr);
      const t0 = this.now();
      const stats = trainStep(model, this.adam, batch, { loss: c.loss, rankEps: c.rankEps, clipNorm: c.clipNorm, lr, seed: hashSeed(c.seed, 'step', this.step) });
      if (!Number.isFinite(stats.loss)) throw new Error(`Trainer: loss is ${stats.loss} at step ${this.step + 1} (lr ${lr}); lower the learning rate or check the data`);
      this.step++;
      this.batchInEpoch++;
      window = { steps: window.steps + 1, ms: window.ms + (this.now() - t0), examples: window.examples + batch.length };
      evalLoss = { sum: evalLoss.sum + stats.loss, count: evalLoss.count + 1 };
      const last = this.step === c.steps;
      if (this.step % c.progressEvery === 0 || last) {
        this.options.onProgress?.({
          ...stats,
          step: this.step,
          totalSteps: c.steps,
          epoch: this.epoch,
          lr,
          msPerStep: window.ms / window.steps,
          examplesPerSecond: window.ms > 0 ? (1000 * window.examples) / window.ms : 0,
        });
        window = { steps: 0, ms: 0, examples: 0 };
      }
      if ((c.evalEvery > 0 && this.step % c.evalEvery === 0) || last) {
        await this.evaluate(evalLoss.count ? evalLoss.sum / evalLoss.count : null, lr, start);
        evalLoss = { sum: 0, count: 0 };
      }
      if (c.checkpointEvery > 0 && (this.step % c.checkpointEvery === 0 || last)) await this.checkpoint();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (status === 'aborted' && c.checkpointOnAbort && this.step > 0 && this.step !== this.lastCheckpoint) await this.checkpoint();
    return { status, step: this.step, resumedFrom, lastEval: this.lastEval, elapsedMs: this.now() - start };
  }

  /** Release the optimizer state (the model belongs to the caller). */
  dispose(): void {
    this.adam.dispose();
  }

  /** Evaluate the held-out set now (yielding between batches); null without one. */
  async evaluateNow(): Promise<EvalMetrics | null> {
    const examples = this.options.evalExamples;
    if (!examples || examples.length === 0) return null;
    const logits = await predictLogitsAsync(
      this.options.model,
      examples.map((e) => e.features),
      this.config.evalBatchSize,
    );
    return evaluatePredictions(
      logits,
      examples.map((e) => e.value),
      examples.map((e) => e.group),
      { valueLoss: this.config.loss.valueLoss, rankEps: this.config.rankEps, eceBins: this.config.eceBins, eceAgainst: this.config.eceAgainst },
    );
  }

  private async evaluate(trainLoss: number | null, lr: number, start: number): Promise<void> {
    const metrics = await this.evaluateNow();
    if (!metrics) return;
    this.lastEval = metrics;
    await this.options.onMetrics?.({ ...metrics, step: this.step, epoch: this.epoch, split: 'eval', trainLoss, lr, elapsedMs: this.now() - start });
  }

  private async nextBatch(): Promise<PrmExample<F>[]> {
    while (!this.batches || this.batchInEpoch >= this.batches.length) {
      if (this.batches) {
        this.epoch++;
        this.batchInEpoch = 0;
      }
      this.batches = await this.passBatches(this.epoch);
    }
    return this.batches[this.batchInEpoch] as PrmExample<F>[];
  }

  private async passBatches(epoch: number): Promise<PrmExample<F>[][]> {
    const { seed, batchSize } = this.config;
    const examples = await this.options.source.examples(epoch, new Rng(hashSeed(seed, 'data', epoch)));
    if (examples.length === 0) throw new Error(`Trainer: the example source returned no examples for pass ${epoch}`);
    return epochBatches(examples, batchSize, new Rng(hashSeed(seed, 'shuffle', epoch)));
  }

  private async checkpoint(): Promise<void> {
    const store = this.options.checkpoints;
    if (!store && !this.options.onCheckpoint) return;
    const ckpt: TrainingCheckpoint = {
      step: this.step,
      epoch: this.epoch,
      batchInEpoch: this.batchInEpoch,
      seed: this.config.seed,
      configDigest: this.digest,
      weights: await readWeights(this.options.model.weights),
      optimizer: await this.adam.getState(),
      lastEval: this.lastEval,
      modelName: this.options.model.name,
      createdAt: new Date().toISOString(),
    };
    const bytes = encodeCheckpoint(ckpt);
    await store?.save(this.step, bytes);
    await this.options.onCheckpoint?.(this.step, bytes);
    this.lastCheckpoint = this.step;
  }

  private async resume(resume: 'latest' | number | false): Promise<number | null> {
    const store = this.options.checkpoints;
    if (resume === false || !store) return null;
    const step = resume === 'latest' ? await latestCheckpointStep(store) : resume;
    if (step === null) return null;
    const bytes = await store.load(step);
    if (!bytes) throw new Error(`Trainer: no checkpoint at step ${step}`);
    this.restore(decodeCheckpoint(bytes));
    return step;
  }

  /** Continue from a decoded checkpoint (weights, Adam state, data position). */
  restore(ckpt: TrainingCheckpoint): void {
    if (ckpt.configDigest !== this.digest) {
      throw new Error(`Trainer: checkpoint of step ${ckpt.step} was written under training config ${ckpt.configDigest}, this run has ${this.digest}; an exact resume needs the same config`);
    }
    if (ckpt.modelName !== this.options.model.name) throw new Error(`Trainer: checkpoint is for model '${ckpt.modelName}', not '${this.options.model.name}'`);
    assignWeights(this.options.model.weights, ckpt.weights);
    this.adam.setState(ckpt.optimizer);
    this.step = ckpt.step;
    this.epoch = ckpt.epoch;
    this.batchInEpoch = ckpt.batchInEpoch;
    this.batches = null;
    this.lastEval = ckpt.lastEval;
    this.lastCheckpoint = ckpt.step;
  }
}

import * as tf from '@tensorflow/tfjs';
import { Rng } from '@prmbas/search';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MlpPrm } from '../models/mlp-prm';
import { syntheticExamples } from '../testing/synthetic-examples';
import { useWasm } from '../testing/tf-testing';
import { decodeCheckpoint } from './checkpoint';
import { MemoryCheckpointStore } from './checkpoint-store';
import { fixedExamples, freshExamples, type PrmExample } from './examples';
import { Trainer, type TrainerOptions, type TrainMetrics } from './trainer';
import type { TrainerConfigInput } from './trainer-config';

const DIM = 8;
const fresh = freshExamples((epoch, rng) => syntheticExamples(rng, { states: 24, siblings: 3, dim: DIM, tag: `train${epoch}` }));
const evalSet = syntheticExamples(new Rng(999), { states: 60, siblings: 3, dim: DIM, tag: 'eval' });

const BASE: TrainerConfigInput = {
  seed: 7,
  steps: 12,
  batchSize: 16,
  lr: { peak: 0.01, warmupSteps: 3, decay: 'cosine', minRatio: 0.1 },
  evalEvery: 0,
  checkpointEvery: 0,
  progressEvery: 1,
};

const models: MlpPrm[] = [];
function model(seed = 1, dropout = 0.1): MlpPrm {
  const m = new MlpPrm({ inputSize: DIM, hidden: [16], seed, dropout });
  models.push(m);
  return m;
}

function trainer(options: Partial<TrainerOptions<Float32Array | readonly number[]>> & { config?: TrainerConfigInput }) {
  return new Trainer({ model: options.model ?? model(), source: fresh, ...options, config: { ...BASE, ...options.config } });
}

function weightsOf(m: MlpPrm): number[][] {
  return m.weights.map((w) => Array.from(w.variable.dataSync()));
}

describe('Trainer', () => {
  beforeAll(async () => {
    await useWasm();
  });
  afterEach(() => {
    for (const m of models.splice(0)) m.dispose();
  });

  it('learns the toy target: held-out loss falls and AUROC / pair accuracy rise', async () => {
    const metrics: TrainMetrics[] = [];
    const t = trainer({ evalExamples: evalSet, config: { steps: 150, evalEvery: 30, progressEvery: 50 }, onMetrics: (m) => void metrics.push(m) });
    const first = (await t.evaluateNow())!;
    const result = await t.run();
    t.dispose();
    expect(result.status).toBe('completed');
    expect(metrics.map((m) => m.step)).toEqual([30, 60, 90, 120, 150]);
    const last = metrics[metrics.length - 1]!;
    // untrained: value loss ~0.75, AUROC ~0.37; trained (measured): ~0.32, ~0.98, pair accuracy ~0.95, ECE ~0.02
    expect(last.valueLoss!).toBeLessThan(first.valueLoss! - 0.3);
    expect(last.rankLoss!).toBeLessThan(first.rankLoss! / 2);
    expect(last.auroc!).toBeGreaterThan(0.9);
    expect(last.pairAccuracy!).toBeGreaterThan(0.85);
    expect(last.ece!).toBeLessThan(0.08);
    expect(last.pairs).toBeGreaterThan(50);
    expect(result.lastEval).toEqual(expect.objectContaining({ auroc: last.auroc }));
  });

  it('resumes exactly: N steps + kill + resume from checkpoint N gives the weights of 2N straight steps', async () => {
    const N = 6;
    const config = { steps: 2 * N, checkpointEvery: N, checkpointOnAbort: false };
    const straight = trainer({ model: model(1), config });
    await straight.run();
    const expected = weightsOf(models[0]!);

    // Interrupted run: checkpoint at N, then two more steps that the "kill" loses.
    const store = new MemoryCheckpointStore();
    const controller = new AbortController();
    const killed = trainer({ model: model(1), config, checkpoints: store, onProgress: (p) => p.step === N + 2 && controller.abort() });
    const partial = await killed.run({ signal: controller.signal });
    expect(partial).toMatchObject({ status: 'aborted', step: N + 2 });
    expect(await store.list()).toEqual([N]);

    // A new process: a differently initialised model, a new trainer, resumed from the store.
    const resumedModel = model(42);
    const resumed = trainer({ model: resumedModel, config, checkpoints: store });
    const result = await resumed.run();
    expect(result).toMatchObject({ status: 'completed', step: 2 * N, resumedFrom: N });
    const got = weightsOf(resumedModel);
    got.forEach((w, k) => w.forEach((x, i) => expect(Math.abs(x - expected[k]![i]!)).toBeLessThanOrEqual(1e-6)));
    // and the interrupted run itself had diverged from nothing: its weights at N+2 differ from the final ones
    expect(weightsOf(models[1]!)).not.toEqual(expected);
    for (const t of [straight, killed, resumed]) t.dispose();
  });

  it('checkpoints weights, Adam state, position and seed, and refuses a different config', async () => {
    const store = new MemoryCheckpointStore();
    const m = model(3);
    const t = trainer({ model: m, source: fixedExamples(evalSet.slice(0, 40)), config: { steps: 5, checkpointEvery: 5 }, checkpoints: store });
    await t.run();
    const ckpt = decodeCheckpoint((await store.load(5))!);
    expect(ckpt).toMatchObject({ step: 5, seed: 7, modelName: 'mlp-prm', configDigest: t.digest, optimizer: { step: 5 } });
    // 40 examples in groups of 3 -> batches of <= 16: 3 batches per pass; step 5 = pass 1, batch 2 next
    expect([ckpt.epoch, ckpt.batchInEpoch]).toEqual([1, 2]);
    expect(ckpt.weights.map((w) => w.name)).toEqual(['dense0/kernel', 'dense0/bias', 'dense1/kernel', 'dense1/bias']);
    expect(Array.from(ckpt.weights[0]!.data)).toEqual(Array.from(m.weights[0]!.variable.dataSync()));
    expect(ckpt.optimizer.v[0]!.data.some((x) => x > 0)).toBe(true);
    const other = trainer({ model: model(3), config: { steps: 6 }, checkpoints: store });
    await expect(other.run()).rejects.toThrow(/training config/);
    t.dispose();
    other.dispose();
  });

  it('keeps the tensor count flat across steps, evaluations and checkpoints', async () => {
    const counts: number[] = [];
    const t = trainer({
      evalExamples: evalSet.slice(0, 30),
      config: { steps: 14, evalEvery: 4, checkpointEvery: 5 },
      checkpoints: new MemoryCheckpointStore(),
      onProgress: () => void counts.push(tf.memory().numTensors),
    });
    await t.run();
    t.dispose();
    expect(counts).toHaveLength(14);
    expect(new Set(counts)).toEqual(new Set([counts[0]]));
  });

  it('yields to the event loop between steps and stops on abort with a checkpoint', async () => {
    let ticked = -1;
    const controller = new AbortController();
    const store = new MemoryCheckpointStore();
    const t = trainer({
      config: { steps: 50 },
      checkpoints: store,
      onProgress: (p) => {
        if (p.step === 1) setImmediate(() => (ticked = p.step));
        if (p.step === 4) controller.abort();
      },
    });
    const result = await t.run({ signal: controller.signal });
    expect(ticked).toBe(1);
    expect(result).toMatchObject({ status: 'aborted', step: 4 });
    expect(await store.list()).toEqual([4]);
    t.dispose();
  });

  it('uses fresh data each pass and the same data for the same seed', async () => {
    const seen: Array<readonly PrmExample<Float32Array>[]> = [];
    const source = freshExamples((epoch, rng) => {
      const xs = syntheticExamples(rng, { states: 4, siblings: 2, dim: DIM, tag: epoch });
      seen.push(xs);
      return xs;
    });
    const t = trainer({ source, config: { steps: 3, batchSize: 8 } });
    await t.run();
    t.dispose();
    expect(seen).toHaveLength(3); // 8 examples, one batch per pass
    expect(seen[1]![0]!.features).not.toEqual(seen[0]![0]!.features);
    const again = syntheticExamples(new Rng(0), { states: 1, siblings: 1 });
    expect(syntheticExamples(new Rng(0), { states: 1, siblings: 1 })).toEqual(again);
  });
});

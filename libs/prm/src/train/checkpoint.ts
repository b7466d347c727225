/**
 * A training checkpoint: everything needed to continue a run exactly where it stopped.
 *
 * - weights, by stable weight name;
 * - Adam's state: step and both moments, by weight name;
 * - the position in the data: the pass (epoch) and the index of the next batch in it;
 * - the RNG state. Every random draw of a run is derived from (run seed, label, epoch or step)
 *   with `hashSeed` (the pass's data and shuffle from (seed, epoch), dropout from (seed, step)), so
 *   the generator state is fully given by the seed and that position, which is what is stored;
 * - the step counter, the training config digest (a resume refuses a different config) and the
 *   latest evaluation.
 *
 * Bytes: a container (io/container.ts) of kind 'prm-checkpoint' whose header holds these fields
 * and the weight manifest, and whose payload is the weight data in tfjs's layout.
 */
import { decodeContainer, encodeContainer } from '../io/container';
import { decodeWeightData, encodeWeightData, type WeightArray } from '../io/weight-data';
import type { EvalMetrics } from '../metrics/evaluate';
import type { AdamState } from './adam';

export interface CheckpointPosition {
  /** Optimizer steps completed. */
  step: number;
  /** Pass the next batch belongs to. */
  epoch: number;
  /** Index of the next batch within that pass. */
  batchInEpoch: number;
}

export interface TrainingCheckpoint extends CheckpointPosition {
  seed: number;
  configDigest: string;
  weights: WeightArray[];
  optimizer: AdamState;
  lastEval: EvalMetrics | null;
  modelName: string;
  createdAt: string;
}

const KIND = 'prm-checkpoint';
const M_PREFIX = 'adam.m/';
const V_PREFIX = 'adam.v/';
const W_PREFIX = 'weight/';

export function encodeCheckpoint(c: TrainingCheckpoint): Uint8Array {
  const all = [
    ...c.weights.map((w) => ({ ...w, name: W_PREFIX + w.name })),
    ...c.optimizer.m.map((w) => ({ ...w, name: M_PREFIX + w.name })),
    ...c.optimizer.v.map((w) => ({ ...w, name: V_PREFIX + w.name })),
  ];
  const { specs, data } = encodeWeightData(all);
  const header = {
    step: c.step,
    epoch: c.epoch,
    batchInEpoch: c.batchInEpoch,
    seed: c.seed,
    configDigest: c.configDigest,
    optimizerStep: c.optimizer.step,
    lastEval: c.lastEval,
    modelName: c.modelName,
    createdAt: c.createdAt,
    weightSpecs: specs,
  };
  return encodeContainer(KIND, header, data);
}

export function decodeCheckpoint(bytes: Uint8Array): TrainingCheckpoint {
  const { header, payload } = decodeContainer(bytes, KIND);
  const h = header as Omit<TrainingCheckpoint, 'weights' | 'optimizer'> & { optimizerStep: number; weightSpecs: Parameters<typeof decodeWeightData>[0] };
  for (const field of ['step', 'epoch', 'batchInEpoch', 'seed', 'optimizerStep'] as const) {
    if (!Number.isInteger(h[field])) throw new Error(`decodeCheckpoint: header field '${field}' is not an integer`);
  }
  const arrays = decodeWeightData(h.weightSpecs, payload);
  const pick = (prefix: string) => arrays.filter((a) => a.name.startsWith(prefix)).map((a) => ({ ...a, name: a.name.slice(prefix.length) }));
  return {
    step: h.step,
    epoch: h.epoch,
    batchInEpoch: h.batchInEpoch,
    seed: h.seed,
    configDigest: h.configDigest,
    lastEval: h.lastEval ?? null,
    modelName: h.modelName,
    createdAt: h.createdAt,
    weights: pick(W_PREFIX),
    optimizer: { step: h.optimizerStep, m: pick(M_PREFIX), v: pick(V_PREFIX) },
  };
}

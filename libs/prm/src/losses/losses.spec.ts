import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, finiteDifferences, useWasm } from '../testing/tf-testing';
import { buildRankPairs } from './rank-pairs';
import { rankLoss } from './rank-loss';
import { totalLoss } from './total-loss';
import { valueLoss } from './value-loss';

const sp = (x: number) => Math.log1p(Math.exp(x)); // softplus, for the comments' arithmetic

// Value-loss example: z = [0, 2, -1], v = [0.5, 1, 0.25].
//   l(z, v) = softplus(z) - z v:
//   softplus(0) - 0           = ln 2                  = 0.693147
//   softplus(2) - 2           = ln(1 + e^2) - 2        = 2.126928 - 2 = 0.126928
//   softplus(-1) + 0.25       = ln(1 + e^-1) + 0.25    = 0.313262 + 0.25 = 0.563262
//   mean = 1.383337 / 3 = 0.461112
//   d/dz_k = (sigmoid(z_k) - v_k) / 3 = [(0.5 - 0.5)/3, (0.880797 - 1)/3, (0.268941 - 0.25)/3]
//          = [0, -0.039734, 0.006314]
//   MSE: (sigmoid(z) - v)^2 = [0, 0.119203^2, 0.018941^2] = [0, 0.014209, 0.000359]; mean 0.004856
const VZ = [0, 2, -1];
const VV = [0.5, 1, 0.25];

// Rank-loss example: logits z = [2, 0, 1, -1, 0.5], states a = {0, 1, 2}, b = {3, 4},
// values v = [0.75, 0.25, 0.5, 0, 0.5], eps = 0.
//   state a pairs (better, worse): (0,1), (0,2), (2,1); state b: (4,3).
//   -log sigmoid(z_i - z_j) = softplus(z_j - z_i):
//   (0,1): softplus(-2) = 0.126928; (0,2): softplus(-1) = 0.313262; (2,1): softplus(-1) = 0.313262
//   (4,3): softplus(-1.5) = 0.201413
//   per state: a = (0.126928 + 0.313262 + 0.313262) / 3 = 0.251151, b = 0.201413
//   loss = (0.251151 + 0.201413) / 2 = 0.226282   (a plain mean over the 4 pairs would be 0.238716)
const RZ = [2, 0, 1, -1, 0.5];
const RGROUPS = ['a', 'a', 'a', 'b', 'b'];
const RV = [0.75, 0.25, 0.5, 0, 0.5];

function scalarOf(f: () => tf.Scalar): number {
  return tf.tidy(() => f().dataSync()[0] as number);
}

function gradOf(f: (z: tf.Tensor1D) => tf.Scalar, z: number[]): number[] {
  return tf.tidy(() => Array.from(tf.grad((t: tf.Tensor) => f(t as tf.Tensor1D))(tf.tensor1d(z)).dataSync()));
}

describe('losses', () => {
  beforeAll(async () => {
    await useWasm();
  });

  describe('valueLoss', () => {
    it('matches the hand computation (BCE from logits)', () => {
      const loss = scalarOf(() => valueLoss(tf.tensor1d(VZ), tf.tensor1d(VV)));
      expect(loss).toBeCloseTo(0.461112, 5);
      expectClose(gradOf((z) => valueLoss(z, tf.tensor1d(VV)), VZ), [0, -0.039734, 0.006314], 2e-6, 0);
    });

    it('matches the hand computation (MSE variant)', () => {
      expect(scalarOf(() => valueLoss(tf.tensor1d(VZ), tf.tensor1d(VV), { kind: 'mse' }))).toBeCloseTo(0.004856, 5);
    });

    it('is finite for extreme logits and has gradient sigmoid(z) - v there', () => {
      const z = [80, -80, 0];
      const v = [0, 1, 0.3];
      // l(80, 0) = 80, l(-80, 1) = softplus(-80) + 80 = 80, l(0, .3) = ln 2
      expect(scalarOf(() => valueLoss(tf.tensor1d(z), tf.tensor1d(v)))).toBeCloseTo((160 + Math.LN2) / 3, 3);
      expectClose(gradOf((t) => valueLoss(t, tf.tensor1d(v)), z), [1 / 3, -1 / 3, 0.2 / 3], 1e-6, 0);
    });

    it.each(['bce', 'mse'] as const)('%s gradient agrees with finite differences', (kind) => {
      const z = [0.3, -1.2, 2.1, 0];
      const v = [0.25, 0.9, 0.6, 1];
      const f = (x: Float32Array) => scalarOf(() => valueLoss(tf.tensor1d(x), tf.tensor1d(v), { kind }));
      expectClose(gradOf((t) => valueLoss(t, tf.tensor1d(v), { kind }), z), finiteDifferences(f, Float32Array.from(z), 1e-2), 3e-4, 2e-3);
    });
  });

  describe('rankLoss', () => {
    it('builds pairs per state with weights 1 / (pairs in state * states)', () => {
      const pairs = buildRankPairs(RGROUPS, RV);
      const list = Array.from(pairs.better, (b, p) => `${b}>${pairs.worse[p]}`);
      expect(list).toEqual(['0>1', '0>2', '2>1', '4>3']);
      expect(pairs.groups).toBe(2);
      expectClose(pairs.weight, [1 / 6, 1 / 6, 1 / 6, 1 / 2], 1e-7, 0);
      // eps: only differences above 0.3 count -> (0,1) in a and (4,3) in b
      const strict = buildRankPairs(RGROUPS, RV, 0.3);
      expect(Array.from(strict.better, (b, p) => `${b}>${strict.worse[p]}`)).toEqual(['0>1', '4>3']);
      // ungrouped examples and equal values make no pairs
      expect(buildRankPairs([null, 'x', 'x', undefined], [1, 0.5, 0.5, 0]).better.length).toBe(0);
    });

    it('matches the hand computation (states weighted equally)', () => {
      const pairs = buildRankPairs(RGROUPS, RV);
      expect(scalarOf(() => rankLoss(tf.tensor1d(RZ), pairs))).toBeCloseTo(0.226282, 5);
      expect(sp(-1.5)).toBeCloseTo(0.201413, 6);
    });

    it('gradient agrees with finite differences and with the hand form', () => {
      const pairs = buildRankPairs(RGROUPS, RV);
      const analytic = gradOf((z) => rankLoss(z, pairs), RZ);
      const f = (x: Float32Array) => scalarOf(() => rankLoss(tf.tensor1d(x), pairs));
      expectClose(analytic, finiteDifferences(f, Float32Array.from(RZ), 1e-2), 3e-4, 2e-3);
      // d/dz_3 (only in pair (4,3), weight 1/2): 0.5 * sigmoid(z_3 - z_4) = 0.5 * sigmoid(-1.5)
      expect(analytic[3]).toBeCloseTo(0.5 / (1 + Math.exp(1.5)), 5);
    });

    it('is 0 with a zero gradient when there are no pairs', () => {
      const none = buildRankPairs([null, null], [1, 0]);
      expect(scalarOf(() => rankLoss(tf.tensor1d([3, -2]), none))).toBe(0);
      expect(gradOf((z) => rankLoss(z, none), [3, -2])).toEqual([0, 0]);
    });
  });

  describe('totalLoss', () => {
    it('is value + lambda * rank, and its gradient agrees with finite differences', () => {
      const pairs = buildRankPairs(RGROUPS, RV);
      const targets = () => tf.tensor1d(RV);
      const terms = tf.tidy(() => {
        const t = totalLoss(tf.tensor1d(RZ), targets(), pairs, { lambdaRank: 0.5 });
        return [t.total, t.value, t.rank].map((s) => s.dataSync()[0] as number);
      });
      const [total, value, rank] = terms as [number, number, number];
      expect(rank).toBeCloseTo(0.226282, 5);
      expect(total).toBeCloseTo(value + 0.5 * rank, 6);
      const f = (x: Float32Array) => scalarOf(() => totalLoss(tf.tensor1d(x), targets(), pairs, { lambdaRank: 0.5 }).total);
      const analytic = gradOf((z) => totalLoss(z, targets(), pairs, { lambdaRank: 0.5 }).total, RZ);
      expectClose(analytic, finiteDifferences(f, Float32Array.from(RZ), 1e-2), 3e-4, 2e-3);
    });

    it('leaves no tensors behind', () => {
      const pairs = buildRankPairs(RGROUPS, RV);
      const z = tf.tensor1d(RZ);
      const v = tf.tensor1d(RV);
      const before = tf.memory().numTensors;
      for (let k = 0; k < 3; k++) {
        const g = tf.grad((t: tf.Tensor) => totalLoss(t as tf.Tensor1D, v, pairs).total)(z);
        g.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([z, v]);
    });
  });
});

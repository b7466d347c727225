/**
 * Rank loss (PRM-BAS.md "PRM training"): for sibling pairs (i, j) of one state with
 * v_i > v_j + eps, the pairwise logistic loss -log sigmoid(z_i - z_j) = softplus(z_j - z_i),
 * with pairs weighted equally per state: each state's pairs are averaged, then the states are
 * averaged (the weights come precomputed from `buildRankPairs`). No pairs: the loss is 0.
 */
import * as tf from '@tensorflow/tfjs';
import { gather } from '../ops/gather';
import type { RankPairs } from './rank-pairs';

/** Weighted rank loss, a scalar. */
export function rankLoss(logits: tf.Tensor1D, pairs: RankPairs): tf.Scalar {
  return tf.tidy(() => {
    if (pairs.better.length === 0) return tf.mul(tf.sum(logits), 0) as tf.Scalar; // 0, still connected to the graph
    const n = logits.shape[0];
    for (const k of [...pairs.better, ...pairs.worse]) {
      if (k < 0 || k >= n) throw new Error(`rankLoss: pair index ${k} outside a batch of ${n}`);
    }
    // The custom gather trains on wasm (tf.gather's gradient needs a kernel wasm lacks).
    const zi = gather<tf.Rank.R1>(logits, pairs.better);
    const zj = gather<tf.Rank.R1>(logits, pairs.worse);
    const perPair = tf.softplus(tf.sub(zj, zi));
    return tf.sum(tf.mul(perPair, tf.tensor1d(pairs.weight, 'float32')));
  });
}

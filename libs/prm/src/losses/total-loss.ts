/** Total PRM loss (PRM-BAS.md): L = L_value + lambda * L_rank. */
import * as tf from '@tensorflow/tfjs';
import { rankLoss } from './rank-loss';
import type { RankPairs } from './rank-pairs';
import { valueLoss, type ValueLossKind } from './value-loss';

export interface LossConfig {
  /** Weight of the rank loss. */
  lambdaRank: number;
  valueLoss: ValueLossKind;
}

export const DEFAULT_LOSS_CONFIG: LossConfig = {
  lambdaRank: 1, // PRM-BAS.md: "lambda configurable; default 1"
  valueLoss: 'bce', // PRM-BAS.md: BCE against the soft MC value; MSE optional
};

export interface LossTerms {
  total: tf.Scalar;
  value: tf.Scalar;
  rank: tf.Scalar;
}

/** All three terms; the caller owns (disposes) the returned scalars. */
export function totalLoss(logits: tf.Tensor1D, targets: tf.Tensor1D, pairs: RankPairs, config: Partial<LossConfig> = {}): LossTerms {
  const { lambdaRank, valueLoss: kind } = { ...DEFAULT_LOSS_CONFIG, ...config };
  return tf.tidy(() => {
    const value = valueLoss(logits, targets, { kind });
    const rank = rankLoss(logits, pairs);
    const total = tf.add(value, tf.mul(rank, lambdaRank)) as tf.Scalar;
    return { total, value, rank };
  });
}

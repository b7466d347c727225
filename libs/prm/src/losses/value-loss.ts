/**
 * Value loss (PRM-BAS.md "PRM training"): binary cross-entropy between sigmoid(logit) and the soft
 * Monte-Carlo value v in [0, 1], averaged over the batch. MSE on the probability is the option.
 *
 * BCE from logits: -[v log s(z) + (1 - v) log(1 - s(z))] = softplus(z) - z * v, s = sigmoid.
 * tfjs's softplus is evaluated stably (no log(0) for large |z|) and its gradient is s(z), so the
 * loss gradient is exactly s(z) - v everywhere. (The textbook max(z,0) - z v + log(1 + e^-|z|)
 * has the wrong subgradient at z = 0 in tfjs, where relu' and |.|' are taken as 0: a model whose
 * logits start at exactly 0 would get -v instead of 0.5 - v.) With soft targets the minimum is the
 * entropy of v, not 0; that is expected.
 */
import * as tf from '@tensorflow/tfjs';

export type ValueLossKind = 'bce' | 'mse';

export interface ValueLossOptions {
  /** 'bce' (default, as PRM-BAS.md) or 'mse' = mean (sigmoid(z) - v)^2. */
  kind?: ValueLossKind;
}

/** Per-example value loss [N] (no reduction). */
export function valueLossPerExample(logits: tf.Tensor1D, targets: tf.Tensor1D, options: ValueLossOptions = {}): tf.Tensor1D {
  return tf.tidy(() => {
    if (options.kind === 'mse') return tf.square(tf.sub(tf.sigmoid(logits), targets)) as tf.Tensor1D;
    return tf.sub(tf.softplus(logits), tf.mul(logits, targets)) as tf.Tensor1D;
  });
}

/** Mean value loss over the batch, a scalar. */
export function valueLoss(logits: tf.Tensor1D, targets: tf.Tensor1D, options: ValueLossOptions = {}): tf.Scalar {
  if (logits.shape[0] !== targets.shape[0]) {
    throw new Error(`valueLoss: ${logits.shape[0]} logits but ${targets.shape[0]} targets`);
  }
  return tf.tidy(() => tf.mean(valueLossPerExample(logits, targets, options)));
}

/** Gradient clipping by global norm (Pascanu et al. 2013): scale all gradients by min(1, c / ||g||). */
import * as tf from '@tensorflow/tfjs';

/**
 * Clipped gradients and the global norm before clipping, all on device (no sync). `maxNorm` null
 * or Infinity: no clipping, the norm is still reported.
 */
export function clipByGlobalNorm(grads: readonly tf.Tensor[], maxNorm: number | null): { grads: tf.Tensor[]; norm: tf.Scalar } {
  return tf.tidy(() => {
    const squares = grads.map((g) => tf.sum(tf.square(g)));
    const norm = tf.sqrt(squares.length ? tf.addN(squares) : tf.scalar(0)) as tf.Scalar;
    if (maxNorm === null || !Number.isFinite(maxNorm)) return { grads: grads.map((g) => tf.clone(g)), norm };
    const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
    return { grads: grads.map((g) => tf.mul(g, scale)), norm };
  });
}

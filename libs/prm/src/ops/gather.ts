/**
 * Gather along axis 0 (embedding lookup) whose gradient works on the wasm backend.
 *
 * tfjs differentiates `tf.gather` with UnsortedSegmentSum, a kernel wasm lacks, so training an
 * embedding there fails. Here the backward pass scatters the incoming gradient rows back to their
 * table rows with `scatterND`, which sums duplicates, exactly as the gradient of a gather must.
 */
import * as tf from '@tensorflow/tfjs';

const gatherAxis0 = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [table, indices, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([indices]);
  const value = tf.gather(table, indices, 0);
  return {
    value,
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const [idx] = saved as [tf.Tensor];
      const grad = Array.isArray(dy) ? (dy[0] as tf.Tensor) : dy;
      const dTable = tf.scatterND(tf.reshape(idx, [idx.size, 1]), grad, table.shape);
      // Indices are integers: they get no gradient, but customGrad wants one tensor per input.
      return [dTable, tf.zerosLike(idx)];
    },
  };
});

/**
 * `table[indices]` along axis 0: `table` [V, ...rest], `indices` int32 of any shape, result
 * [...indices.shape, ...rest]. Indices are not range-checked (that would cost a sync).
 */
export function gather<R extends tf.Rank>(table: tf.Tensor, indices: tf.Tensor | number[] | Int32Array): tf.Tensor<R> {
  return tf.tidy(() => {
    const idx = indices instanceof tf.Tensor ? indices : tf.tensor1d(indices as number[], 'int32');
    if (idx.dtype !== 'int32') throw new Error(`gather: indices must be int32, got ${idx.dtype}`);
    const flat = tf.reshape(idx, [idx.size]);
    const rows = gatherAxis0(table, flat) as tf.Tensor;
    return tf.reshape(rows, [...idx.shape, ...table.shape.slice(1)]) as unknown as tf.Tensor<R>;
  });
}

import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { conv2dIm2col } from '../src/ops/conv2d-im2col';

/** conv2d 'same', stride 1, whose filter gradient runs on wasm (as a conv of transposed tensors). */
const conv = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, f, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
  save([x, f]);
  return {
    value: tf.conv2d(x, f, 1, 'same'),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const [xs, fs] = saved as [tf.Tensor4D, tf.Tensor4D];
      const g = (Array.isArray(dy) ? dy[0] : dy) as tf.Tensor4D;
      const [kh, kw] = fs.shape;
      const dx = tf.conv2dTranspose(g, fs, xs.shape, 1, 'same');
      const pt = Math.floor((kh - 1) / 2), pl = Math.floor((kw - 1) / 2);
      const xp = tf.pad(xs, [[0, 0], [pt, kh - 1 - pt], [pl, kw - 1 - pl], [0, 0]]);
      const xT = tf.transpose(xp, [3, 1, 2, 0]) as tf.Tensor4D; // [ci, H+, W+, B]
      const gT = tf.transpose(g, [1, 2, 0, 3]) as tf.Tensor4D; // [H, W, B, co]
      const dw = tf.transpose(tf.conv2d(xT, gT, 1, 'valid'), [1, 2, 0, 3]); // [ci, kh, kw, co] -> [kh, kw, ci, co]
      return [dx, dw];
    },
  };
});

(async () => {
  await initBackend({ prefer: 'wasm', logger: { info: () => undefined } });
  const x = tf.randomUniform([3, 64, 64, 8]) as tf.Tensor4D;
  const f = tf.variable(tf.randomNormal([5, 5, 8, 4])) as unknown as tf.Tensor4D;
  const time = (label: string, fn: () => tf.Tensor) => {
    const run = () => tf.tidy(() => { const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(fn === undefined ? a : (fn as any)(a, b))))([x, f]); g[1]!.dataSync(); });
    run();
    const t = performance.now();
    for (let i = 0; i < 5; i++) run();
    console.log(label, ((performance.now() - t) / 5).toFixed(1), 'ms');
  };
  time('im2col', ((a: tf.Tensor4D, b: tf.Tensor4D) => conv2dIm2col(a, b, { padding: 'same' })) as never);
  time('custom', ((a: tf.Tensor4D, b: tf.Tensor4D) => conv(a, b)) as never);
  // correctness vs cpu-free reference: compare grads of im2col and custom
  const g1 = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(conv2dIm2col(a as tf.Tensor4D, b as tf.Tensor4D, { padding: 'same' }))))([x, f]);
  const g2 = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(conv(a as tf.Tensor4D, b as tf.Tensor4D))))([x, f]);
  console.log('max diff dx', tf.max(tf.abs(tf.sub(g1[0]!, g2[0]!))).dataSync()[0], 'dw', tf.max(tf.abs(tf.sub(g1[1]!, g2[1]!))).dataSync()[0], 'scale', tf.max(tf.abs(g1[1]!)).dataSync()[0]);
})();

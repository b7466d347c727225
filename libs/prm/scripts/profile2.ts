import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';

(async () => {
  await initBackend({ prefer: 'wasm', logger: { info: () => undefined } });
  const I = 3, S = 128, C = 16;
  const x = tf.randomUniform([I * S * S, 3]);
  const w1 = tf.variable(tf.randomNormal([3, 16])), w2 = tf.variable(tf.randomNormal([16, C]));
  const time = (label: string, f: () => tf.Scalar) => {
    const run = () => tf.tidy(() => { const g = tf.variableGrads(f, [w1, w2]); g.grads[w1.name]!.dataSync(); });
    run();
    const t = performance.now();
    for (let i = 0; i < 5; i++) run();
    console.log(label, ((performance.now() - t) / 5).toFixed(1), 'ms');
  };
  const d = () => tf.clipByValue(tf.matMul(tf.relu(tf.matMul(x, w1)), w2), 0, 1);
  time('mlp only', () => tf.sum(d()));
  time('mlp relu only', () => tf.sum(tf.matMul(tf.relu(tf.matMul(x, w1)), w2)));
  time('pixel gram', () => { const dr = tf.reshape(d(), [I, S * S, C]) as tf.Tensor3D; return tf.sum(tf.matMul(dr, dr, true, false)); });
  time('row max', () => tf.sum(tf.max(tf.reshape(d(), [I, S, S, C]), 2)));
  time('col max', () => tf.sum(tf.max(tf.reshape(d(), [I, S, S, C]), 1)));
  time('row max 3d', () => tf.sum(tf.max(tf.reshape(d(), [I * S, S, C]), 1)));
  time('maxpool row', () => tf.sum(tf.maxPool(tf.reshape(d(), [I, S, S, C]) as tf.Tensor4D, [1, S], [1, S], 'valid')));
  time('maxpool col', () => tf.sum(tf.maxPool(tf.reshape(d(), [I, S, S, C]) as tf.Tensor4D, [S, 1], [S, 1], 'valid')));
})();

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@prmbas/search';
import { expectClose, onCpu, useWasm } from '../testing/tf-testing';
import { conv2dNative, type NativeConvPadding } from './conv2d-native';

const CASES: Array<{ x: [number, number, number, number]; k: [number, number, number, number]; padding: NativeConvPadding }> = [
  { x: [2, 5, 6, 3], k: [3, 3, 3, 4], padding: 'valid' },
  { x: [2, 5, 6, 3], k: [3, 3, 3, 4], padding: 'same' },
  { x: [1, 7, 6, 2], k: [4, 2, 2, 3], padding: 'same' },
  { x: [3, 8, 8, 1], k: [5, 5, 1, 2], padding: 'same' },
];

function run(c: (typeof CASES)[number], conv: (x: tf.Tensor4D, k: tf.Tensor4D) => tf.Tensor4D, seed: number) {
  const rng = new Rng(seed);
  const rand = (n: number) => Array.from({ length: n }, () => rng.next() * 2 - 1);
  const xs = rand(c.x.reduce((a, b) => a * b));
  const ks = rand(c.k.reduce((a, b) => a * b));
  return tf.tidy(() => {
    const x = tf.tensor4d(xs, c.x);
    const k = tf.tensor4d(ks, c.k);
    const out = conv(x, k);
    const w = tf.tensor(rand(out.size), out.shape);
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a as tf.Tensor4D, b as tf.Tensor4D), w)))([x, k]);
    return { shape: out.shape, out: Array.from(out.dataSync()), dx: Array.from(grads[0]!.dataSync()), dk: Array.from(grads[1]!.dataSync()) };
  });
}

describe('conv2dNative', () => {
  beforeAll(async () => {
    await useWasm();
  });

  it.each(CASES.map((c, i) => [i, c] as const))('case %i equals tf.conv2d and its gradients (cpu reference)', async (i, c) => {
    const ours = run(c, (x, k) => conv2dNative(x, k, c.padding), 200 + i);
    const ref = await onCpu(() => run(c, (x, k) => tf.conv2d(x, k, 1, c.padding), 200 + i));
    expect(ours.shape).toEqual(ref.shape);
    expectClose(ours.out, ref.out, 1e-5, 1e-4);
    expectClose(ours.dx, ref.dx, 1e-5, 1e-4);
    expectClose(ours.dk, ref.dk, 1e-5, 1e-4);
  });

  it('rejects a channel mismatch', () => {
    expect(() => conv2dNative(tf.zeros([1, 3, 3, 2]), tf.zeros([1, 1, 3, 1]))).toThrow(/input channels/);
  });
});

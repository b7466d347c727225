import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '@prmbas/search';
import { expectClose, onCpu, useWasm } from '../testing/tf-testing';
import { conv2dIm2col, type Conv2dPadding } from './conv2d-im2col';

interface Case {
  x: [number, number, number, number];
  k: [number, number, number, number];
  strides: number | [number, number];
  padding: Conv2dPadding;
}

const CASES: Case[] = [
  { x: [2, 5, 6, 3], k: [3, 3, 3, 4], strides: 1, padding: 'valid' },
  { x: [2, 5, 6, 3], k: [3, 3, 3, 4], strides: 1, padding: 'same' },
  { x: [1, 7, 6, 2], k: [3, 2, 2, 3], strides: 2, padding: 'valid' },
  { x: [1, 7, 6, 2], k: [3, 2, 2, 3], strides: [2, 3], padding: 'same' },
  { x: [2, 4, 4, 5], k: [1, 1, 5, 2], strides: 1, padding: 'same' },
];

function randomArray(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.next() * 2 - 1);
}

/** Output, loss = sum(out * W) and its gradients w.r.t. input and filter. */
function run(c: Case, conv: (x: tf.Tensor4D, k: tf.Tensor4D) => tf.Tensor4D, seed: number) {
  const rng = new Rng(seed);
  const xs = randomArray(rng, c.x.reduce((a, b) => a * b));
  const ks = randomArray(rng, c.k.reduce((a, b) => a * b));
  return tf.tidy(() => {
    const x = tf.tensor4d(xs, c.x);
    const k = tf.tensor4d(ks, c.k);
    const out = conv(x, k);
    const w = tf.tensor(randomArray(rng, out.size), out.shape);
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a as tf.Tensor4D, b as tf.Tensor4D), w)))([x, k]);
    return { shape: out.shape, out: Array.from(out.dataSync()), dx: Array.from(grads[0]!.dataSync()), dk: Array.from(grads[1]!.dataSync()) };
  });
}

describe('conv2dIm2col', () => {
  beforeAll(async () => {
    await useWasm();
  });

  it('is needed: tf.conv2d cannot train its filter on wasm', () => {
    const c = CASES[0]!;
    expect(() => run(c, (x, k) => tf.conv2d(x, k, 1, 'valid'), 1)).toThrow(/Conv2DBackpropFilter/);
  });

  it.each(CASES.map((c, i) => [i, c] as const))('case %i equals tf.conv2d and its gradients (cpu reference)', async (i, c) => {
    const ours = run(c, (x, k) => conv2dIm2col(x, k, { strides: c.strides, padding: c.padding }), 100 + i);
    const ref = await onCpu(() => run(c, (x, k) => tf.conv2d(x, k, c.strides, c.padding), 100 + i));
    expect(ours.shape).toEqual(ref.shape);
    expectClose(ours.out, ref.out, 1e-5, 1e-4);
    expectClose(ours.dx, ref.dx, 1e-5, 1e-4);
    expectClose(ours.dk, ref.dk, 1e-5, 1e-4);
  });

  it('has the output sizes of TensorFlow for same padding with strides', () => {
    const out = tf.tidy(() => conv2dIm2col(tf.zeros([1, 7, 6, 1]), tf.zeros([3, 3, 1, 2]), { strides: [2, 4], padding: 'same' }));
    expect(out.shape).toEqual([1, 4, 2, 2]);
    out.dispose();
  });

  it('rejects a channel mismatch', () => {
    expect(() => conv2dIm2col(tf.zeros([1, 3, 3, 2]), tf.zeros([1, 1, 3, 1]))).toThrow(/input channels/);
  });
});

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, onCpu, useWasm } from '../testing/tf-testing';
import { gather } from './gather';

const TABLE = [0.5, -1, 2, 3, 0.25, -0.75, 1.5, 4, -2, 0.1, 0.2, 0.3]; // [4, 3]
const INDICES = [[2, 0], [2, 3], [1, 2]]; // [3, 2], row 2 three times
const WEIGHTS = Array.from({ length: 3 * 2 * 3 }, (_, k) => (k % 5) - 1.5); // fixes dLoss/dOut

/** loss = sum(out * W): its gradient w.r.t. the table is the scatter-add of W's rows. */
function lossAndGrad(gatherFn: (t: tf.Tensor, i: tf.Tensor) => tf.Tensor) {
  return tf.tidy(() => {
    const table = tf.tensor2d(TABLE, [4, 3]);
    const idx = tf.tensor2d(INDICES, [3, 2], 'int32');
    const w = tf.tensor3d(WEIGHTS, [3, 2, 3]);
    const f = (t: tf.Tensor) => tf.sum(tf.mul(gatherFn(t, idx), w)) as tf.Scalar;
    const { value, grad } = tf.valueAndGrad(f)(table);
    return { out: Array.from(gatherFn(table, idx).dataSync()), shape: gatherFn(table, idx).shape, value: value.dataSync()[0] as number, grad: Array.from(grad.dataSync()) };
  });
}

describe('gather (custom gradient)', () => {
  beforeAll(async () => {
    await useWasm();
  });

  it('runs its backward pass on wasm, where tf.gather cannot', () => {
    expect(tf.getBackend()).toBe('wasm');
    // The premise of this op: wasm lacks UnsortedSegmentSum. If tfjs adds it, this op may go.
    expect(() => lossAndGrad((t, i) => tf.gather(t, i))).toThrow(/UnsortedSegmentSum/);
    expect(() => lossAndGrad((t, i) => gather(t, i))).not.toThrow();
  });

  it('equals tf.gather forward and its gradient on the cpu reference, duplicates summed', async () => {
    const ours = lossAndGrad((t, i) => gather(t, i));
    const reference = await onCpu(() => lossAndGrad((t, i) => tf.gather(t, i)));
    expect(ours.shape).toEqual([3, 2, 3]);
    expect(ours.out).toEqual(reference.out);
    expectClose([ours.value], [reference.value]);
    expectClose(ours.grad, reference.grad, 1e-6, 0);
    // Row 2 is gathered at positions (0,0), (1,0), (2,1): its gradient is the sum of those W rows.
    const w = (p: number) => WEIGHTS.slice(p * 3, p * 3 + 3);
    const expectedRow2 = [0, 1, 2].map((c) => (w(0)[c] as number) + (w(2)[c] as number) + (w(5)[c] as number));
    expectClose(ours.grad.slice(6, 9), expectedRow2, 1e-6, 0);
  });

  it('gathers from a 1-D table and leaves no tensors behind', () => {
    const table = tf.tensor1d([10, 20, 30]);
    const before = tf.memory().numTensors;
    const g = tf.grad((t: tf.Tensor) => tf.sum(gather(t, [2, 2, 0])))(table);
    expect(Array.from(g.dataSync())).toEqual([1, 0, 2]);
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
    table.dispose();
  });
});

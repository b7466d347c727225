import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWasm } from '../testing/tf-testing';
import { clipByGlobalNorm } from './clip';

describe('clipByGlobalNorm', () => {
  beforeAll(async () => {
    await useWasm();
  });

  it('scales every gradient by c / global norm when the norm is larger', () => {
    // ||[3, 0]||^2 + ||[4]||^2 = 25 -> norm 5; clip 1 -> scale 0.2
    const gs = [tf.tensor1d([3, 0]), tf.tensor1d([4])];
    const { grads, norm } = clipByGlobalNorm(gs, 1);
    expect(norm.dataSync()[0]).toBeCloseTo(5, 6);
    expect(Array.from(grads[0]!.dataSync())).toEqual([expect.closeTo(0.6, 6), 0]);
    expect(grads[1]!.dataSync()[0]).toBeCloseTo(0.8, 6);
    const loose = clipByGlobalNorm(gs, 10);
    expect(loose.grads[1]!.dataSync()[0]).toBeCloseTo(4, 6);
    const none = clipByGlobalNorm(gs, null);
    expect(none.grads[0]!.dataSync()[0]).toBe(3);
    tf.dispose([gs, grads, norm, loose.grads, loose.norm, none.grads, none.norm]);
  });
});

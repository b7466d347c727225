import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useWasm } from '../testing/tf-testing';
import { Adam } from './adam';
import type { NamedVariable } from './prm-model';

function weight(name: string, values: number[]): NamedVariable {
  return { name, variable: tf.variable(tf.tensor1d(values)) };
}

describe('Adam', () => {
  beforeAll(async () => {
    await useWasm();
  });

  it('matches the hand computation of two updates', () => {
    // g = 0.5 twice, lr 0.1, betas .9/.999, eps 1e-8, w0 = 1:
    // t=1: m = 0.05, v = 0.00025, m^ = 0.05/0.1 = 0.5, v^ = 0.00025/0.001 = 0.25 -> step 0.1 * 0.5/0.5 = 0.1 -> w = 0.9
    // t=2: m = 0.095, v = 0.00049975, m^ = 0.095/0.19 = 0.5, v^ = 0.00049975/0.001999 = 0.25 -> w = 0.8
    // g = -2 on the second weight: the step size is lr whatever |g| (Adam's scale invariance) -> 1.1, 1.2
    const w = [weight('a', [1]), weight('b', [1])];
    const adam = new Adam(w);
    for (let k = 0; k < 2; k++) {
      const grads = [tf.tensor1d([0.5]), tf.tensor1d([-2])];
      adam.apply(grads, 0.1);
      tf.dispose(grads);
    }
    expect(w[0]!.variable.dataSync()[0]).toBeCloseTo(0.8, 6);
    expect(w[1]!.variable.dataSync()[0]).toBeCloseTo(1.2, 6);
    expect(adam.step).toBe(2);
    adam.dispose();
    w.forEach((x) => x.variable.dispose());
  });

  it('applies decoupled weight decay (AdamW)', () => {
    const w = [weight('a', [2])];
    const adam = new Adam(w, { beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.5 });
    const g = tf.tensor1d([0]);
    adam.apply([g], 0.1); // zero gradient: only the decay acts: 2 - 0.1 * 0.5 * 2 = 1.9
    expect(w[0]!.variable.dataSync()[0]).toBeCloseTo(1.9, 6);
    tf.dispose([g]);
    adam.dispose();
    w[0]!.variable.dispose();
  });

  it('restores its state by weight name so the next update is identical', async () => {
    const fresh = () => [weight('a', [1, -1]), weight('b', [0.5])];
    const secondUpdate = (adam: Adam, w: NamedVariable[]) => {
      w[0]!.variable.assign(tf.tensor1d([0.7, -0.4]));
      w[1]!.variable.assign(tf.tensor1d([0.3]));
      const g = [tf.tensor1d([0.1, 0.4]), tf.tensor1d([-1])];
      adam.apply(g, 0.05);
      tf.dispose(g);
      return w.map((x) => Array.from(x.variable.dataSync()));
    };
    const w1 = fresh();
    const original = new Adam(w1);
    const g = [tf.tensor1d([0.3, -0.2]), tf.tensor1d([1])];
    original.apply(g, 0.05);
    tf.dispose(g);
    const state = await original.getState();
    const expected = secondUpdate(original, w1);

    // Listed in another order: restoring goes by name.
    const w2 = fresh();
    const restored = new Adam(w2);
    restored.setState({ step: state.step, m: [...state.m].reverse(), v: state.v });
    expect(secondUpdate(restored, w2)).toEqual(expected);
    expect(restored.step).toBe(2);
    expect(() => restored.setState({ ...state, m: state.m.slice(1) })).toThrow(/first moment/);
    for (const [a, w] of [[original, w1], [restored, w2]] as const) {
      a.dispose();
      w.forEach((x) => x.variable.dispose());
    }
  });
});

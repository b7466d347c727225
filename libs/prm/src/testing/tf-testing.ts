/** Test helpers: quiet backend setup, cpu reference runs, finite differences, array comparison. */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { initBackend, type BackendChoice } from '../backend';

export const silentLogger = { info: (): void => undefined };

/** Activate wasm (the backend training runs on here) without log noise. */
export function useWasm(): Promise<BackendChoice> {
  return initBackend({ prefer: 'wasm', logger: silentLogger });
}

/** Run `fn` on the pure-JS cpu backend (the reference implementation), then switch back. */
export async function onCpu<T>(fn: () => T): Promise<T> {
  const previous = tf.getBackend();
  await tf.setBackend('cpu');
  try {
    return fn();
  } finally {
    await tf.setBackend(previous);
  }
}

/** Central finite differences of a scalar function of a flat vector (computed in float64 around float32 evaluations). */
export function finiteDifferences(f: (x: Float32Array) => number, x: Float32Array, eps: number): Float64Array {
  const grad = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) {
    const plus = Float32Array.from(x);
    const minus = Float32Array.from(x);
    plus[k] = (x[k] as number) + eps;
    minus[k] = (x[k] as number) - eps;
    grad[k] = (f(plus) - f(minus)) / (2 * eps);
  }
  return grad;
}

/** Element-wise |a - b| <= atol + rtol * |b|, with a readable failure. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, atol = 1e-5, rtol = 1e-4): void {
  expect(actual.length).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    const a = actual[k] as number;
    const e = expected[k] as number;
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
      expect.fail(`element ${k}: ${a} vs expected ${e} (atol ${atol}, rtol ${rtol})`);
    }
  }
}

/**
 * Seeded weight initialisers: values come from our `Rng`, not tfjs's global random state, so a
 * model built with seed s has the same weights on every backend and in every process.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@prmbas/search';
import type { NamedVariable } from './prm-model';

/** Glorot/Xavier uniform: U(-a, a), a = sqrt(6 / (fanIn + fanOut)) (Glorot & Bengio 2010; Keras' default). */
export function glorotUniform(rng: Rng, fanIn: number, fanOut: number, size = fanIn * fanOut): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(size);
  for (let k = 0; k < size; k++) out[k] = (rng.next() * 2 - 1) * limit;
  return out;
}

/** A trainable variable holding `values` (tfjs gives it a unique internal name). */
export function namedVariable(name: string, values: Float32Array, shape: number[]): NamedVariable {
  return { name, variable: tf.variable(tf.tensor(values, shape, 'float32'), true) };
}

/** Put saved weight arrays back into a model's variables, matched by stable name. */
import * as tf from '@tensorflow/tfjs';
import type { WeightArray } from '../io/weight-data';
import type { NamedVariable } from './prm-model';

/** Every model weight must be present with the same shape; extra saved arrays are an error too. */
export function assignWeights(weights: readonly NamedVariable[], saved: readonly WeightArray[]): void {
  const byName = new Map(saved.map((a) => [a.name, a]));
  const missing = weights.filter((w) => !byName.has(w.name)).map((w) => w.name);
  if (missing.length) throw new Error(`assignWeights: missing saved weights: ${missing.join(', ')}`);
  const known = new Set(weights.map((w) => w.name));
  const extra = saved.filter((a) => !known.has(a.name)).map((a) => a.name);
  if (extra.length) throw new Error(`assignWeights: saved weights the model does not have: ${extra.join(', ')}`);
  for (const w of weights) {
    const a = byName.get(w.name) as WeightArray;
    if (a.shape.join(',') !== w.variable.shape.join(',')) {
      throw new Error(`assignWeights: '${w.name}' saved with shape [${a.shape}], model has [${w.variable.shape}]`);
    }
    if (a.dtype !== w.variable.dtype) throw new Error(`assignWeights: '${w.name}' saved as ${a.dtype}, model has ${w.variable.dtype}`);
  }
  // Validate everything before touching anything: a failed load leaves the model as it was.
  tf.tidy(() => {
    for (const w of weights) {
      const a = byName.get(w.name) as WeightArray;
      w.variable.assign(tf.tensor(a.data, a.shape, a.dtype));
    }
  });
}

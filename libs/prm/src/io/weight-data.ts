/**
 * Named weight arrays <-> tfjs's binary weight layout: a manifest of {name, shape, dtype} and one
 * buffer holding the values back to back in manifest order (little-endian), exactly what
 * `tf.io.encodeWeights` writes and `weights.bin` of a tfjs model holds. Plain arrays, no tensors,
 * so checkpoints and artifacts can be (de)serialised without touching a backend.
 */
import type * as tf from '@tensorflow/tfjs';

export type WeightDtype = 'float32' | 'int32';

export interface WeightArray {
  name: string;
  shape: number[];
  dtype: WeightDtype;
  data: Float32Array | Int32Array;
}

/** Read the current values of named variables (or any tensors). */
export async function readWeights(named: ReadonlyArray<{ name: string; variable: tf.Tensor }>): Promise<WeightArray[]> {
  return Promise.all(
    named.map(async ({ name, variable }) => {
      const dtype = variable.dtype;
      if (dtype !== 'float32' && dtype !== 'int32') throw new Error(`readWeights: '${name}' has unsupported dtype ${dtype}`);
      const data = (await variable.data()) as Float32Array | Int32Array;
      return { name, shape: [...variable.shape], dtype, data: dtype === 'float32' ? Float32Array.from(data) : Int32Array.from(data) };
    }),
  );
}

export function encodeWeightData(weights: readonly WeightArray[]): { specs: tf.io.WeightsManifestEntry[]; data: Uint8Array } {
  const names = new Set<string>();
  let total = 0;
  for (const w of weights) {
    if (names.has(w.name)) throw new Error(`encodeWeightData: duplicate weight name '${w.name}'`);
    names.add(w.name);
    const size = w.shape.reduce((a, b) => a * b, 1);
    if (size !== w.data.length) throw new Error(`encodeWeightData: '${w.name}' has shape [${w.shape}] but ${w.data.length} values`);
    total += size * 4;
  }
  const data = new Uint8Array(total);
  const view = new DataView(data.buffer);
  let offset = 0;
  for (const w of weights) {
    for (let k = 0; k < w.data.length; k++, offset += 4) {
      if (w.dtype === 'float32') view.setFloat32(offset, w.data[k] as number, true);
      else view.setInt32(offset, w.data[k] as number, true);
    }
  }
  return { specs: weights.map((w) => ({ name: w.name, shape: [...w.shape], dtype: w.dtype })), data };
}

export function decodeWeightData(specs: readonly tf.io.WeightsManifestEntry[], data: Uint8Array): WeightArray[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let offset = 0;
  const out: WeightArray[] = [];
  for (const spec of specs) {
    if (spec.quantization) throw new Error(`decodeWeightData: '${spec.name}' is quantized; not supported`);
    if (spec.dtype !== 'float32' && spec.dtype !== 'int32') throw new Error(`decodeWeightData: '${spec.name}' has unsupported dtype ${spec.dtype}`);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (offset + size * 4 > data.byteLength) throw new Error(`decodeWeightData: weight data too short for '${spec.name}'`);
    const values = spec.dtype === 'float32' ? new Float32Array(size) : new Int32Array(size);
    for (let k = 0; k < size; k++, offset += 4) {
      values[k] = spec.dtype === 'float32' ? view.getFloat32(offset, true) : view.getInt32(offset, true);
    }
    out.push({ name: spec.name, shape: [...spec.shape], dtype: spec.dtype, data: values });
  }
  if (offset !== data.byteLength) throw new Error(`decodeWeightData: ${data.byteLength - offset} bytes left over after the last weight`);
  return out;
}

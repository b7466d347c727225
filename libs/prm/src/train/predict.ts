/** Inference in bounded batches: logits of a model for many examples, as plain numbers. */
import * as tf from '@tensorflow/tfjs';
import type { PrmModel } from './prm-model';

export const DEFAULT_PREDICT_BATCH = 256; // bounds peak memory; wasm speed is flat beyond ~64

export function predictLogits<F>(model: PrmModel<F>, features: readonly F[], batchSize = DEFAULT_PREDICT_BATCH): Float32Array {
  const out = new Float32Array(features.length);
  for (let start = 0; start < features.length; start += batchSize) {
    const chunk = features.slice(start, start + batchSize);
    const logits = tf.tidy(() => model.forward(chunk, { training: false, seed: 0 }));
    out.set(logits.dataSync(), start);
    logits.dispose();
  }
  return out;
}

/** v = sigmoid(logit) for each example. */
export function predictValues<F>(model: PrmModel<F>, features: readonly F[], batchSize = DEFAULT_PREDICT_BATCH): Float32Array {
  return predictLogits(model, features, batchSize).map((z) => 1 / (1 + Math.exp(-z)));
}

/** As `predictLogits`, yielding to the event loop between batches (long evaluations inside a server or worker). */
export async function predictLogitsAsync<F>(model: PrmModel<F>, features: readonly F[], batchSize = DEFAULT_PREDICT_BATCH): Promise<Float32Array> {
  const out = new Float32Array(features.length);
  for (let start = 0; start < features.length; start += batchSize) {
    out.set(predictLogits(model, features.slice(start, start + batchSize), batchSize), start);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return out;
}

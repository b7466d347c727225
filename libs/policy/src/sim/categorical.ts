/**
 * A categorical distribution over step outcomes given by logits, sampled at a temperature the way
 * a language model's decoder is: p_i ∝ exp(logit_i / T); T = 0 is greedy (the argmax, first on ties).
 */
import type { Rng } from '@prmbas/search';

/** Probabilities at temperature `temperature` (> 0), or a one-hot argmax at 0. */
export function softmaxAt(logits: readonly number[], temperature: number): number[] {
  if (logits.length === 0) throw new Error('categorical: no outcomes');
  if (!(temperature >= 0)) throw new Error(`categorical: temperature must be >= 0, got ${temperature}`);
  if (temperature === 0) {
    const best = argmax(logits);
    return logits.map((_, i) => (i === best ? 1 : 0));
  }
  const scaled = logits.map((l) => l / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((s) => (Number.isFinite(s) ? Math.exp(s - max) : 0));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/** Draw one outcome index. At temperature 0 no randomness is consumed. */
export function sampleCategorical(logits: readonly number[], temperature: number, rng: Rng): number {
  if (temperature === 0) return argmax(logits);
  return rng.weighted(softmaxAt(logits, temperature));
}

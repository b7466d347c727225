/**
 * Toy PRM data for trainer tests: each state is a random vector, each of its sibling steps another
 * one; a step's true success probability is sigmoid(w . [state, step]) for a fixed hidden w, and
 * its value is the fraction of `rollouts` Bernoulli draws that succeed (like an MC estimate).
 */
import { hashSeed, Rng } from '@prmbas/search';
import type { PrmExample } from '../train/examples';

export interface SyntheticOptions {
  states: number;
  siblings: number;
  /** Feature size (half state, half step). */
  dim?: number;
  rollouts?: number;
  /** Distinguishes group ids of different sets (train pass, eval). */
  tag?: string | number;
}

function hiddenWeights(dim: number): number[] {
  const rng = new Rng(hashSeed('synthetic-prm-target', dim));
  return Array.from({ length: dim }, () => (rng.next() * 2 - 1) * 3);
}

export function syntheticExamples(rng: Rng, o: SyntheticOptions): PrmExample<Float32Array>[] {
  const dim = o.dim ?? 8;
  const rollouts = o.rollouts ?? 8;
  const w = hiddenWeights(dim);
  const out: PrmExample<Float32Array>[] = [];
  for (let s = 0; s < o.states; s++) {
    const state = Array.from({ length: dim / 2 }, () => rng.next() * 2 - 1);
    for (let k = 0; k < o.siblings; k++) {
      const features = Float32Array.from([...state, ...Array.from({ length: dim / 2 }, () => rng.next() * 2 - 1)]);
      const z = features.reduce((acc, x, i) => acc + x * (w[i] as number), 0);
      const p = 1 / (1 + Math.exp(-z));
      let wins = 0;
      for (let r = 0; r < rollouts; r++) if (rng.chance(p)) wins++;
      out.push({ features, value: wins / rollouts, group: `${o.tag ?? 'set'}-${s}` });
    }
  }
  return out;
}

/**
 * Pairwise ranking accuracy on sibling pairs (PRM-BAS.md metrics): the share of pairs (i better
 * than j by MC value) whose scores are ordered the same way; a tie counts 1/2. By default pairs are
 * weighted like the rank loss (every state counts equally); 'per-pair' gives the plain share.
 */
import type { RankPairs } from '../losses/rank-pairs';

export type PairWeighting = 'per-state' | 'per-pair';

/** Null when there are no pairs. Scores may be logits or probabilities (only order matters). */
export function pairAccuracy(scores: ArrayLike<number>, pairs: RankPairs, weighting: PairWeighting = 'per-state'): number | null {
  const count = pairs.better.length;
  if (count === 0) return null;
  let total = 0;
  let weightSum = 0;
  for (let p = 0; p < count; p++) {
    const si = scores[pairs.better[p] as number] as number;
    const sj = scores[pairs.worse[p] as number] as number;
    const credit = si > sj ? 1 : si === sj ? 0.5 : 0;
    const w = weighting === 'per-state' ? (pairs.weight[p] as number) : 1;
    total += w * credit;
    weightSum += w;
  }
  return total / weightSum;
}

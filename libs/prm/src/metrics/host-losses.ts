/**
 * The value and rank losses on plain numbers (float64), for evaluation reports: the same
 * definitions as losses/value-loss.ts and losses/rank-loss.ts, without tensors.
 */
import type { RankPairs } from '../losses/rank-pairs';
import type { ValueLossKind } from '../losses/value-loss';

/** log(1 + e^x) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Mean value loss of logits against soft values (BCE = softplus(z) - z v, or MSE on sigmoid); null when empty. */
export function meanValueLoss(logits: ArrayLike<number>, values: ArrayLike<number>, kind: ValueLossKind = 'bce'): number | null {
  if (logits.length !== values.length) throw new Error(`meanValueLoss: ${logits.length} logits but ${values.length} values`);
  if (logits.length === 0) return null;
  let sum = 0;
  for (let k = 0; k < logits.length; k++) {
    const z = logits[k] as number;
    const v = values[k] as number;
    sum += kind === 'mse' ? (sigmoid(z) - v) ** 2 : softplus(z) - z * v;
  }
  return sum / logits.length;
}

/** Per-state-weighted pairwise logistic loss; null when there are no pairs. */
export function meanRankLoss(logits: ArrayLike<number>, pairs: RankPairs): number | null {
  if (pairs.better.length === 0) return null;
  let sum = 0;
  let weightSum = 0;
  for (let p = 0; p < pairs.better.length; p++) {
    const w = pairs.weight[p] as number;
    sum += w * softplus((logits[pairs.worse[p] as number] as number) - (logits[pairs.better[p] as number] as number));
    weightSum += w;
  }
  // Normalise by the float32 weight sum (1 up to rounding) so the result is exactly the mean of means.
  return sum / weightSum;
}

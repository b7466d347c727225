/** All per-evaluation metrics of PRM-BAS.md (except downstream search accuracy) from logits. */
import { buildRankPairs, DEFAULT_RANK_EPS } from '../losses/rank-pairs';
import type { ValueLossKind } from '../losses/value-loss';
import { stepAuroc, DEFAULT_HARD_LABEL_THRESHOLD } from './auroc';
import { expectedCalibrationError, DEFAULT_ECE_BINS, type CalibrationTarget } from './calibration';
import { meanRankLoss, meanValueLoss, sigmoid } from './host-losses';
import { pairAccuracy } from './pair-accuracy';

export interface EvalMetrics {
  examples: number;
  pairs: number;
  valueLoss: number | null;
  rankLoss: number | null;
  /** Step AUROC against v > hardLabelThreshold. */
  auroc: number | null;
  /** Per-state-weighted pairwise accuracy. */
  pairAccuracy: number | null;
  ece: number | null;
}

export interface EvalOptions {
  valueLoss?: ValueLossKind;
  rankEps?: number;
  eceBins?: number;
  eceAgainst?: CalibrationTarget;
  hardLabelThreshold?: number;
}

/**
 * Metrics of one evaluation set: `logits[k]` the model's output for example k, `values[k]` its
 * MC value, `groups[k]` its sibling group (pairs are formed across the whole set).
 */
export function evaluatePredictions(
  logits: ArrayLike<number>,
  values: ArrayLike<number>,
  groups: ReadonlyArray<string | number | null | undefined>,
  options: EvalOptions = {},
): EvalMetrics {
  const threshold = options.hardLabelThreshold ?? DEFAULT_HARD_LABEL_THRESHOLD;
  const pairs = buildRankPairs(groups, values, options.rankEps ?? DEFAULT_RANK_EPS);
  const probs = Array.from(logits, sigmoid);
  return {
    examples: logits.length,
    pairs: pairs.better.length,
    valueLoss: meanValueLoss(logits, values, options.valueLoss ?? 'bce'),
    rankLoss: meanRankLoss(logits, pairs),
    auroc: stepAuroc(logits, values, threshold),
    pairAccuracy: pairAccuracy(logits, pairs),
    ece: expectedCalibrationError(probs, values, { bins: options.eceBins ?? DEFAULT_ECE_BINS, against: options.eceAgainst ?? 'soft', threshold }),
  };
}

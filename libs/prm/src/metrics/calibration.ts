/**
 * Expected calibration error with equal-width bins over the predicted probability p = sigmoid(z):
 *   ECE = sum_b (n_b / N) |mean_b(p) - mean_b(y)|
 * Bin b covers [b/B, (b+1)/B); the last bin also takes p = 1. Empty bins contribute nothing.
 *
 * y is the soft MC value v by default: the PRM is trained to predict v, so calibrated means
 * "among steps scored p, the average value is p". With against = 'hard', y = (v > threshold),
 * the usual classification ECE (it is larger, since v between 0 and 1 is then rounded up).
 */

export type CalibrationTarget = 'soft' | 'hard';

export interface EceOptions {
  bins?: number;
  against?: CalibrationTarget;
  /** Hard label threshold (y = v > threshold) when against = 'hard'. */
  threshold?: number;
}

export const DEFAULT_ECE_BINS = 10; // the common choice in calibration papers (Guo et al. 2017 use 15; 10 keeps bins full on small eval sets)

/** ECE of probabilities `probs` against `values`; null for an empty set. */
export function expectedCalibrationError(probs: ArrayLike<number>, values: ArrayLike<number>, options: EceOptions = {}): number | null {
  const bins = options.bins ?? DEFAULT_ECE_BINS;
  const against = options.against ?? 'soft';
  const threshold = options.threshold ?? 0;
  const n = probs.length;
  if (values.length !== n) throw new Error(`expectedCalibrationError: ${n} probabilities but ${values.length} values`);
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`expectedCalibrationError: bins must be a positive integer, got ${bins}`);
  if (n === 0) return null;
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let k = 0; k < n; k++) {
    const p = probs[k] as number;
    if (!(p >= 0 && p <= 1)) throw new Error(`expectedCalibrationError: probability ${p} outside [0, 1]`);
    const v = values[k] as number;
    const y = against === 'soft' ? v : v > threshold ? 1 : 0;
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b]! += 1;
    sumP[b]! += p;
    sumY[b]! += y;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const c = count[b] as number;
    if (c > 0) ece += (c / n) * Math.abs((sumP[b] as number) / c - (sumY[b] as number) / c);
  }
  return ece;
}

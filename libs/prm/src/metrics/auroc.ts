/**
 * Step-level AUROC (PRM-BAS.md metrics): how well scores separate steps whose MC value is > 0
 * (some rollout reached the gold answer) from steps with value 0.
 *
 * Mann-Whitney form: AUROC = (R_pos - n_pos (n_pos + 1) / 2) / (n_pos n_neg), R_pos the sum of
 * the positives' ranks among all scores, tied scores sharing their mean rank (midranks). This
 * counts a tied positive/negative pair as 1/2, the same as the area under the ROC step curve.
 */

export const DEFAULT_HARD_LABEL_THRESHOLD = 0; // PRM-BAS.md: hard label = (v > 0)

/** AUROC of `scores` against boolean labels; null when either class is empty (undefined). */
export function auroc(scores: ArrayLike<number>, labels: ArrayLike<boolean>): number | null {
  const n = scores.length;
  if (labels.length !== n) throw new Error(`auroc: ${n} scores but ${labels.length} labels`);
  for (let k = 0; k < n; k++) if (Number.isNaN(scores[k] as number)) throw new Error(`auroc: score ${k} is NaN`);
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && scores[order[end] as number] === scores[order[start] as number]) end++;
    const midrank = (start + 1 + end) / 2; // ranks start+1 .. end, 1-based
    for (let k = start; k < end; k++) {
      if (labels[order[k] as number]) {
        positives++;
        rankSum += midrank;
      }
    }
    start = end;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** AUROC against hard labels v > threshold (default 0). */
export function stepAuroc(scores: ArrayLike<number>, values: ArrayLike<number>, threshold = DEFAULT_HARD_LABEL_THRESHOLD): number | null {
  return auroc(scores, Array.from(values, (v) => v > threshold));
}

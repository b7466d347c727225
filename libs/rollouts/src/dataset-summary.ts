/**
 * Summary statistics of a dataset: what a build produced and what the rank loss will get from it.
 */
import type { SolutionRecord } from './dataset-record';

export interface DatasetSummary {
  /** Solution records. */
  solutions: number;
  questions: number;
  /** Steps of the solutions (siblings not included). */
  steps: number;
  /** Sibling steps, over all groups. */
  siblingSteps: number;
  /** Mean value of the solutions' steps. */
  meanValue: number;
  /** Share of solution steps with value > 0 (the hard label used for AUROC). */
  positiveStepShare: number;
  /** Share of solutions whose final answer is correct. */
  correctShare: number;
  /** States with at least one sibling: each is a rank-loss group (the solution's step + its siblings). */
  siblingGroups: number;
  /** Pairs (i, j) within a group with v_i > v_j + eps: what the rank loss trains on. */
  pairs: number;
}

/** `eps`: the margin of the rank loss (PRM-BAS.md: pairs with v_i > v_j + eps); 0 counts every strict pair. */
export function summariseDataset(records: readonly SolutionRecord[], options: { eps?: number } = {}): DatasetSummary {
  const eps = options.eps ?? 0;
  let steps = 0;
  let siblingSteps = 0;
  let valueSum = 0;
  let positive = 0;
  let groups = 0;
  let pairs = 0;
  for (const record of records) {
    for (const step of record.steps) {
      steps++;
      valueSum += step.value;
      if (step.value > 0) positive++;
      const siblings = step.siblings ?? [];
      if (siblings.length === 0) continue;
      siblingSteps += siblings.length;
      groups++;
      const values = [step.value, ...siblings.map((s) => s.value)];
      for (const vi of values) for (const vj of values) if (vi > vj + eps) pairs++;
    }
  }
  return {
    solutions: records.length,
    questions: new Set(records.map((r) => r.questionId)).size,
    steps,
    siblingSteps,
    meanValue: steps > 0 ? valueSum / steps : 0,
    positiveStepShare: steps > 0 ? positive / steps : 0,
    correctShare: records.length > 0 ? records.filter((r) => r.correct).length / records.length : 0,
    siblingGroups: groups,
    pairs,
  };
}

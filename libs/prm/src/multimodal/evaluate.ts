/**
 * Evaluation of a PRM on dataset examples: the trainer's metrics overall (value loss, rank loss,
 * step AUROC against v > 0, sibling pair accuracy, ECE) and the same per kind of candidate step:
 * image reading (bar reads, shape counts), arithmetic, comparisons, final answers, other. The kind
 * comes from the synth step grammar (text only); steps outside it count as 'other'.
 */
import { parseStep } from '@prmbas/tasks';
import { evaluatePredictions, type EvalMetrics, type EvalOptions } from '../metrics/evaluate';

export type StepKind = 'reading' | 'arithmetic' | 'compare' | 'answer' | 'other';
export const STEP_KINDS: readonly StepKind[] = ['reading', 'arithmetic', 'compare', 'answer', 'other'];

export function stepKind(text: string): StepKind {
  const step = parseStep(text);
  if (!step) return 'other';
  if (step.kind === 'read' || step.kind === 'count') return 'reading';
  if (step.kind === 'add' || step.kind === 'subtract' || step.kind === 'multiply') return 'arithmetic';
  return step.kind;
}

export interface PrmEvaluation extends EvalMetrics {
  /** Step examples scored (= examples). */
  steps: number;
  byKind: Partial<Record<StepKind, EvalMetrics>>;
}

/**
 * Metrics of scored examples. `texts[k]` is example k's candidate step (for its kind); sibling
 * pairs are formed within groups across the whole set.
 */
export function evaluateScored(
  logits: ArrayLike<number>,
  values: ArrayLike<number>,
  groups: ReadonlyArray<string | number | null | undefined>,
  texts: readonly string[],
  options: EvalOptions = {},
): PrmEvaluation {
  const overall = evaluatePredictions(logits, values, groups, options);
  const kinds = texts.map(stepKind);
  const byKind: Partial<Record<StepKind, EvalMetrics>> = {};
  for (const kind of STEP_KINDS) {
    const idx = kinds.flatMap((k, i) => (k === kind ? [i] : []));
    if (idx.length === 0) continue;
    byKind[kind] = evaluatePredictions(
      idx.map((i) => logits[i] as number),
      idx.map((i) => values[i] as number),
      idx.map((i) => groups[i]),
      options,
    );
  }
  return { ...overall, steps: overall.examples, byKind };
}

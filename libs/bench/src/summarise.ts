import type { QuestionOutcome, StrategySummary } from './bench-report';
import { wilsonInterval } from './wilson';

/** Folds per-question outcomes into one strategy row. */
export function summarise(name: string, strategy: string, outcomes: QuestionOutcome[], wallMs: number): StrategySummary {
  const total = outcomes.length;
  const correct = outcomes.filter((o) => o.correct).length;
  const sum = (f: (o: QuestionOutcome) => number) => outcomes.reduce((acc, o) => acc + f(o), 0);
  const sumNullable = (f: (o: QuestionOutcome) => number | null) =>
    outcomes.some((o) => f(o) !== null) ? sum((o) => f(o) ?? 0) : null;
  const per = (x: number) => (total === 0 ? 0 : x / total);
  const policyCalls = sum((o) => o.cost.policyCalls);
  const generatedSteps = sum((o) => o.cost.generatedSteps);
  const prmScoredSteps = sum((o) => o.cost.prmScoredSteps);
  const scorerPolicyCalls = sum((o) => o.cost.scorer.policyCalls);
  return {
    name,
    strategy,
    accuracy: per(correct),
    ci95: wilsonInterval(correct, total),
    correct,
    total,
    errors: outcomes.filter((o) => o.error !== undefined).length,
    policyCalls,
    generatedSteps,
    tokens: sumNullable((o) => o.cost.tokens),
    prmScoredSteps,
    prmBatches: sum((o) => o.cost.prmBatches),
    scorer: {
      policyCalls: scorerPolicyCalls,
      generatedSteps: sum((o) => o.cost.scorer.generatedSteps),
      tokens: sumNullable((o) => o.cost.scorer.tokens),
    },
    wallMs,
    perQuestion: {
      policyCalls: per(policyCalls),
      generatedSteps: per(generatedSteps),
      prmScoredSteps: per(prmScoredSteps),
      scorerPolicyCalls: per(scorerPolicyCalls),
      searchMs: per(sum((o) => o.cost.wallMs)),
    },
    outcomes,
  };
}

import type { CostRecord, ScorerUsage } from '@prmbas/search';

/** What one strategy did on one question. */
export interface QuestionOutcome {
  questionId: string;
  answer: string | null;
  gold: string;
  correct: boolean;
  /** Set when the search failed on this question (counted as incorrect). */
  error?: string;
  cost: CostRecord;
}

/** Totals over the suite, and per-question means of the same counters. */
export interface StrategySummary {
  /** Label in tables (e.g. `prm-bas`, or `prm-bas@exp` when one strategy runs twice). */
  name: string;
  strategy: string;
  accuracy: number;
  ci95: [number, number];
  correct: number;
  total: number;
  errors: number;
  policyCalls: number;
  generatedSteps: number;
  tokens: number | null;
  prmScoredSteps: number;
  prmBatches: number;
  /** Work done by the scorer itself (Monte-Carlo rollouts), apart from the search's own. */
  scorer: ScorerUsage;
  /** Elapsed wall time for the whole suite under this strategy. */
  wallMs: number;
  perQuestion: {
    policyCalls: number;
    generatedSteps: number;
    prmScoredSteps: number;
    scorerPolicyCalls: number;
    searchMs: number;
  };
  outcomes: QuestionOutcome[];
}

/**
 * The step-level dataset format ("our JSONL"): one record per sampled solution, with the
 * Monte-Carlo value of every step prefix and, at chosen states, sibling steps valued the same way
 * (the pairs the rank loss trains on). Shared by the builder, the exporters and the PRM trainer.
 */
import type { AnswerType } from '@prmbas/search';

/** A step valued by rollouts: value = correct / rollouts (for a terminal step: 1 or 0, rollouts 0). */
export interface ValuedStep {
  text: string;
  /** Monte-Carlo value of the state that ends with this step: share of rollouts reaching the gold answer. */
  value: number;
  /** Rollouts run from this state (0 for a terminal step, valued by checking its answer). */
  rollouts: number;
  /** Rollouts that reached the gold answer. */
  correct: number;
  terminal: boolean;
  /** The final answer a terminal step states, as the policy extracted it (absent: none stated). */
  answer?: string;
}

export interface DatasetStep extends ValuedStep {
  /**
   * Alternative steps sampled at the same state (the steps before this one). Together with this
   * step they form one sibling group for the rank loss. Absent where no siblings were sampled;
   * empty where they were, but every sample repeated this step or another sibling.
   */
  siblings?: ValuedStep[];
}

export interface SolutionRecord {
  /** `${questionId}#${solutionIndex}`: unique and stable, the builder's resume key. */
  id: string;
  questionId: string;
  /** The prompt text the policy saw. */
  question: string;
  /** Image reference: a path relative to the dataset file, or a data URL; null for text-only questions. */
  image: string | null;
  answer: string;
  answerType: AnswerType;
  choices?: string[];
  steps: DatasetStep[];
  /** The solution's final answer (null if it never finished) and whether it is correct. */
  finalAnswer: string | null;
  correct: boolean;
  /** Provenance: policy spec, rollouts, seeds, suite digest, ... */
  meta: Record<string, unknown>;
}

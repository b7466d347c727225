/**
 * A benchmark question: what a policy may see (`Problem`) plus the gold answer and metadata.
 */
import type { Problem } from '@prmbas/search';

export interface QuestionMeta {
  /** Where the question comes from: 'shapes' | 'bars' for the synth suite, else the benchmark's name. */
  family: string;
  /** 1-3 for synth questions; absent for real benchmarks unless their metadata says. */
  difficulty?: number;
  /** Steps of the reference solution (synth), when known. */
  plannedSteps?: number;
  /** The bare question when `text` is a longer prompt (MathVista `question` vs `query`). */
  question?: string;
  [key: string]: unknown;
}

export interface Question extends Problem {
  /** Gold answer in canonical form: a number as written ("12", "3.5"), a choice letter ("B"), or text. */
  answer: string;
  meta: QuestionMeta;
}

/** Strip the gold answer and metadata: what a policy or PRM is given. */
export function toProblem(question: Question): Problem {
  const { answer: _answer, meta: _meta, ...problem } = question;
  return problem;
}

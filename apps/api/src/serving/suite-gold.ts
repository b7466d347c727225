/**
 * Correctness of a served answer, when the question is an item of the built-in synth suite: its
 * PNG carries the gold answer in a `prmbas-synth` chunk (see @prmbas/tasks synth-payload).
 *
 * The server reads that chunk ONLY here, to score the stored trace after the search has ended. It
 * never reaches the search, the PRM or the response: what the deployment's PRM sees is pixels and
 * text, as for any other image (the simulated policy reads the chunk itself, standing in for a
 * model's perception; that is its business, not the server's).
 */
import type { Problem } from '@prmbas/search';
import { isCorrect, solvePayload, synthPayloadOf } from '@prmbas/tasks';

export interface Correctness {
  goldAnswer: string;
  correct: boolean;
}

export function scoreAgainstSuite(problem: Problem, answer: string | null): Correctness | null {
  let payload;
  try {
    payload = synthPayloadOf(problem);
  } catch {
    return null; // a chunk we cannot read is no gold answer
  }
  if (!payload) return null;
  const last = solvePayload(payload).at(-1);
  if (last?.kind !== 'answer') return null;
  // The suite knows whether its answer is a letter; the prompt's format may be inferred wrongly.
  const format = { answerType: last.isChoice ? ('choice' as const) : ('number' as const), choices: problem.choices, precision: problem.precision };
  return { goldAnswer: last.answer, correct: isCorrect(answer, last.answer, format) };
}

/**
 * The real parts tests build with: the synth suite, the simulated policy and the tasks' answer
 * check. No mocks: the sim policy is fast (~30 µs a call) and errs like a model.
 */
import { SimPolicy } from '@prmbas/policy';
import { generateSuite, isCorrect, type Question } from '@prmbas/tasks';
import type { IsCorrectAnswer } from '../rollout-tree';

export function synthQuestions(size: number, seed = 1): Question[] {
  return generateSuite({ size, seed });
}

export function simPolicy(latencyMs = 0): SimPolicy {
  return new SimPolicy({ latencyMs });
}

export const checkAnswer: IsCorrectAnswer = (answer, question) => isCorrect(answer, question.answer, question);

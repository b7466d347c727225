/** The synth suite a job names, rebuilt from its spec (deterministic: every worker gets the same questions). */
import type { TSynthSuiteSpec } from '@prmbas/contracts';
import { generateSuite, type Question } from '@prmbas/tasks';

export function synthQuestions(spec: TSynthSuiteSpec): Question[] {
  const difficulty = spec.difficulty?.length === 1 ? spec.difficulty[0] : spec.difficulty;
  return generateSuite({ size: spec.size, seed: spec.seed, ...(difficulty !== undefined ? { difficulty } : {}), ...(spec.families ? { families: spec.families } : {}) });
}

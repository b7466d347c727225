/**
 * Options of the Monte-Carlo PRM and their defaults. The paper's own rollout constants could not be
 * read (see PRM-BAS.md); these are config values, each with the reason for its default.
 */
import type { Policy, Problem } from '@prmbas/search';

/** Whether `answer` is correct for `problem`. It knows the gold answer, which `Problem` does not carry. */
export type IsCorrect = (answer: string, problem: Problem) => boolean;

export interface McPrmOptions {
  /** The policy that rolls solutions out (usually the search's own policy). */
  policy: Policy;
  isCorrect: IsCorrect;
  /** M: rollouts per scored step. */
  rollouts?: number;
  /** Sampling temperature of the rollouts. */
  temperature?: number;
  /** Most steps a rollout writes after the candidate; the last of them is asked to finalize. */
  maxDepth?: number;
  /** Rollout `propose` calls in flight at once for this scorer (the policy may limit further). */
  concurrency?: number;
  /**
   * Sample the first rollout step of all M rollouts in one `propose(n = M)` call from the shared
   * state (one request instead of M); each rollout then continues alone with n = 1.
   */
  batchFirstStep?: boolean;
  /** Display name (defaults to `mc(rollouts=…,temperature=…,maxDepth=…)@<policy name>`). */
  name?: string;
}

export const MC_PRM_DEFAULTS = {
  rollouts: 8, // PRM-BAS.md budget knob M; 8 gives values in steps of 1/8 at 8 solutions per step
  // Sampled, not greedy: the value is the success probability under the policy's own sampling, and
  // greedy rollouts would all agree (values only 0 or 1). Below 1 to keep small models' steps coherent.
  temperature: 0.8,
  maxDepth: 10, // bounds a rollout that never concludes; reasoning chains here run 3–10 steps
  concurrency: 16, // enough parallel rollouts to keep a batching server (vLLM) busy
  batchFirstStep: true, // M first steps in one call: a shared prefix, prefilled once by the server
  seed: 0, // used when `score` is called without a seed
} as const;

export interface McPrmConfig {
  policy: Policy;
  isCorrect: IsCorrect;
  rollouts: number;
  temperature: number;
  maxDepth: number;
  concurrency: number;
  batchFirstStep: boolean;
  name: string;
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`McPrm: ${name} must be a positive integer, got ${value}`);
  return value;
}

export function resolveMcPrmConfig(options: McPrmOptions): McPrmConfig {
  const d = MC_PRM_DEFAULTS;
  const rollouts = positiveInt('rollouts', options.rollouts ?? d.rollouts);
  const temperature = options.temperature ?? d.temperature;
  if (!Number.isFinite(temperature) || temperature < 0) throw new RangeError(`McPrm: temperature must be a non-negative number, got ${temperature}`);
  const maxDepth = positiveInt('maxDepth', options.maxDepth ?? d.maxDepth);
  return {
    policy: options.policy,
    isCorrect: options.isCorrect,
    rollouts,
    temperature,
    maxDepth,
    concurrency: positiveInt('concurrency', options.concurrency ?? d.concurrency),
    batchFirstStep: options.batchFirstStep ?? d.batchFirstStep,
    name: options.name ?? `mc(rollouts=${rollouts},temperature=${temperature},maxDepth=${maxDepth})@${options.policy.name}`,
  };
}

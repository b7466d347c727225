/**
 * Budget knobs of a dataset build (PRM-BAS.md, "Data construction") with their defaults, and their
 * validation. Everything that changes the records is here; `concurrency` only changes speed.
 */

/**
 * Where sibling steps are sampled: at every state of a solution, at none, at the state before the
 * solution's first error (its first step valued at most `errorValue`), or at a seeded fraction of
 * states (a number in (0, 1]; the choice depends only on the state, so identical states agree).
 */
export type SiblingStates = 'all' | 'none' | 'first-error' | number;

export interface DatasetBuildConfig {
  /** S: solutions sampled per question (solution j is rollout stream j from the question). */
  solutions: number;
  /** M: rollouts per valued state. */
  rollouts: number;
  /** K: sibling steps sampled at a chosen state. */
  siblings: number;
  siblingStates: SiblingStates;
  /** Drop a sibling equal to the solution's own step or to an earlier sibling of the same state. */
  distinctSiblings: boolean;
  /** A step valued at most this counts as an error (for `siblingStates: 'first-error'`). */
  errorValue: number;
  /** Most steps a solution or rollout has (the last one is asked to finalize). */
  maxSteps: number;
  /** Sampling temperature of solutions, rollouts and siblings alike. */
  temperature: number;
  /** Questions built at the same time (speed only; the records do not depend on it). */
  concurrency: number;
  /** Build seed: every policy call's seed is derived from it, the question and the state. */
  seed: number;
}

export const BUILD_DEFAULTS: DatasetBuildConfig = {
  solutions: 4, // Math-Shepherd-style: a few sampled solutions per question; data is cheap (PRM-BAS.md prototype)
  rollouts: 8, // PRM-BAS.md budget knob M; same as the Monte-Carlo PRM's default (values in steps of 1/8)
  siblings: 4, // PRM-BAS.md budget knob K: enough alternatives per state for several rank pairs
  siblingStates: 'all', // every state yields a rank group; restrict when rollouts are expensive
  distinctSiblings: true, // a repeated step adds no rank pair, only weight: keep each step once per group
  errorValue: 0, // OmegaPRM's notion of the first error: the first step from which no rollout succeeds
  maxSteps: 10, // reasoning chains here run 3–10 steps (as the Monte-Carlo PRM's maxDepth)
  temperature: 0.8, // sampled, not greedy: the value is a success probability under sampling (as McPrm)
  concurrency: 4, // questions in flight; the sim is CPU-bound, raise it for a batching server
  seed: 0, // reproducible by default
};

function positiveInt(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`dataset build: ${name} must be a positive integer, got ${value}`);
}

/** Defaults overridden by `partial` (undefined keys keep their default), validated. */
export function resolveBuildConfig(partial: Partial<DatasetBuildConfig> = {}): DatasetBuildConfig {
  const given = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  const c: DatasetBuildConfig = { ...BUILD_DEFAULTS, ...given };
  positiveInt('solutions', c.solutions);
  positiveInt('rollouts', c.rollouts);
  positiveInt('maxSteps', c.maxSteps);
  positiveInt('concurrency', c.concurrency);
  if (!Number.isInteger(c.siblings) || c.siblings < 0) throw new RangeError(`dataset build: siblings must be a non-negative integer, got ${c.siblings}`);
  if (!(c.temperature >= 0) || !Number.isFinite(c.temperature)) throw new RangeError(`dataset build: temperature must be a non-negative number, got ${c.temperature}`);
  if (!(c.errorValue >= 0 && c.errorValue <= 1)) throw new RangeError(`dataset build: errorValue must be in [0, 1], got ${c.errorValue}`);
  if (!Number.isInteger(c.seed)) throw new RangeError(`dataset build: seed must be an integer, got ${c.seed}`);
  const s = c.siblingStates;
  if (typeof s === 'number' ? !(s > 0 && s <= 1) : !['all', 'none', 'first-error'].includes(s)) {
    throw new RangeError(`dataset build: siblingStates must be "all", "none", "first-error" or a fraction in (0, 1], got ${JSON.stringify(s)}`);
  }
  return c;
}

/** `all` | `none` | `first-error` | a fraction like `0.25`, as a command line gives it; null when unreadable. */
export function parseSiblingStates(text: string): SiblingStates | null {
  const t = text.trim();
  if (t === 'all' || t === 'none' || t === 'first-error') return t;
  const p = Number(t);
  return t !== '' && p > 0 && p <= 1 ? p : null;
}

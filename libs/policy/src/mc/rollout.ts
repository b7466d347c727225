/**
 * Monte-Carlo rollouts of one state: M solutions sampled to the end with the policy; the state's
 * value is the share that reach a correct answer.
 *
 * Seeds: every call's seed is a hash of (score seed, item index, rollout, depth) — depth 0 being
 * the step right after the state — and the batched first call uses (score seed, item index,
 * 'first', 0). Nothing depends on which call finishes first, so a value is reproducible.
 */
import { hashSeed, type Policy, type Problem, type Proposal, type ScorerUsage } from '@prmbas/search';
import type { Semaphore } from '@prmbas/search';
import type { IsCorrect } from './mc-config';

/** Counts the work rollouts do; tokens turn null as soon as one proposal lacks a count. */
export class UsageMeter {
  policyCalls = 0;
  generatedSteps = 0;
  private tokens: number | null = 0;

  add(proposals: readonly Proposal[]): void {
    this.policyCalls++;
    this.generatedSteps += proposals.length;
    for (const p of proposals) this.tokens = this.tokens === null || p.tokens === undefined ? null : this.tokens + p.tokens;
  }

  /** Fold another meter's counts into this one. */
  merge(other: ScorerUsage): void {
    this.policyCalls += other.policyCalls;
    this.generatedSteps += other.generatedSteps;
    this.tokens = this.tokens === null || other.tokens === null ? null : this.tokens + other.tokens;
  }

  toUsage(): ScorerUsage {
    return { policyCalls: this.policyCalls, generatedSteps: this.generatedSteps, tokens: this.tokens };
  }
}

export interface RolloutPlan {
  policy: Policy;
  isCorrect: IsCorrect;
  rollouts: number;
  temperature: number;
  maxDepth: number;
  batchFirstStep: boolean;
  semaphore: Semaphore;
  usage: UsageMeter;
  signal: AbortSignal;
}

export interface RolloutTarget {
  problem: Problem;
  /** The state the rollouts start from: the steps before the candidate, then the candidate. */
  steps: readonly string[];
  /** The score call's seed. */
  seed: number;
  /** The item's position in the batch (part of every seed). */
  itemIndex: number;
}

export interface RolloutOutcome {
  /** Rollouts that ended with a correct answer. */
  correct: number;
  /** Final answer of each rollout (undefined: none stated), in rollout order. */
  answers: Array<string | undefined>;
}

export async function runRollouts(target: RolloutTarget, plan: RolloutPlan): Promise<RolloutOutcome> {
  const { problem } = target;
  const propose = async (steps: readonly string[], n: number, seed: number, depth: number): Promise<Proposal[]> => {
    const proposals = await plan.semaphore.run(
      () => plan.policy.propose({ problem, steps, n, temperature: plan.temperature, seed, finalize: depth === plan.maxDepth - 1, signal: plan.signal }),
      plan.signal,
    );
    plan.usage.add(proposals);
    if (proposals.length < n) throw new Error(`McPrm: policy ${plan.policy.name} returned ${proposals.length} of ${n} proposals`);
    return proposals;
  };

  const M = plan.rollouts;
  const first: Array<Promise<Proposal>> = [];
  if (plan.batchFirstStep) {
    const batch = propose(target.steps, M, hashSeed(target.seed, target.itemIndex, 'first', 0), 0);
    for (let r = 0; r < M; r++) first.push(batch.then((ps) => ps[r] as Proposal));
  } else {
    for (let r = 0; r < M; r++) {
      first.push(propose(target.steps, 1, hashSeed(target.seed, target.itemIndex, r, 0), 0).then((ps) => ps[0] as Proposal));
    }
  }

  const finish = async (r: number): Promise<string | undefined> => {
    let step = await first[r];
    const steps = [...target.steps, (step as Proposal).text];
    // depth = steps written after the state so far; the maxDepth-th was asked to finalize.
    for (let depth = 1; !(step as Proposal).terminal && depth < plan.maxDepth; depth++) {
      // A snapshot: the request must not change under a policy that keeps it (traces, caches).
      [step] = await propose(steps.slice(), 1, hashSeed(target.seed, target.itemIndex, r, depth), depth);
      steps.push((step as Proposal).text);
    }
    // A rollout that never concluded (a policy ignoring `finalize`) has no answer: it counts as wrong.
    return step?.terminal ? step.answer : undefined;
  };

  const answers = await Promise.all(Array.from({ length: M }, (_, r) => finish(r)));
  const correct = answers.filter((a) => a !== undefined && plan.isCorrect(a, problem)).length;
  return { correct, answers };
}

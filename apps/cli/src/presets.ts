import type { StrategyOverrides } from './strategy-configs';

/** A named benchmark configuration: every figure in the README comes from one of these. */
export interface BenchPreset {
  description: string;
  suite: string;
  size: number;
  seed: number;
  difficulty?: string;
  policy: string;
  prm: string;
  strategies: string[];
  /** Questions searched at once. */
  concurrency: number;
  overrides: StrategyOverrides;
}

/** Label of the PRM-BAS variant tuned for a learned PRM (`--strategies prm-bas,prm-bas@t0.4-vote`). */
export const LEARNED_PRM_BAS = 'prm-bas@t0.4-vote';

/**
 * Same initial width: fixed beam search and PRM-BAS both start with 8 beams and 4 candidates per
 * beam; the sampled baselines get N = 8 chains like the PRM-BAS initial beam. PRM-BAS anneals
 * 8 → 6 → 4 and stays at 4, which keeps it under 60% of fixed beam's generated steps.
 * `beam@4` is fixed beam search at about PRM-BAS's compute, the equal-compute comparison.
 */
const EQUAL_WIDTH: StrategyOverrides = {
  'self-consistency': { n: 8 },
  'best-of-n': { n: 8 },
  beam: { width: 8, k: 4 },
  'beam@4': { strategy: 'beam', width: 4, k: 4 },
  dvts: { n: 16, m: 4 },
  'prm-bas': { k: 4, schedule: { kind: 'linear', b0: 8, bMin: 4, delta: 2 } },
  // PRM-BAS as tuned for a learned PRM (not in the default strategy list): the same widths,
  // sampling at T = 0.4, duplicates kept in the beam and a PRM-weighted vote over the finished
  // solutions. See libs/prm/scripts/EXPERIMENTS.md ("Downstream search").
  [LEARNED_PRM_BAS]: { strategy: 'prm-bas', k: 4, schedule: { kind: 'linear', b0: 8, bMin: 4, delta: 2 }, temperature: 0.4, dedupe: false, select: 'weighted-vote' },
};

const ALL_STRATEGIES = ['greedy', 'self-consistency', 'best-of-n', 'beam', 'beam@4', 'dvts', 'prm-bas'];

export const PRESETS: Record<string, BenchPreset> = {
  default: {
    description: 'synth suite (500 questions), simulated policy, Monte-Carlo PRM with 8 rollouts; about a minute on 2 cores',
    suite: 'synth',
    size: 500,
    seed: 7,
    policy: 'sim:capability=0.6',
    prm: 'mc:rollouts=8',
    strategies: ALL_STRATEGIES,
    concurrency: 4,
    overrides: EQUAL_WIDTH,
  },
  quick: {
    description: 'a smoke run: 12 questions, 4 rollouts; seconds',
    suite: 'synth',
    size: 12,
    seed: 7,
    policy: 'sim:capability=0.6',
    prm: 'mc:rollouts=4',
    strategies: ALL_STRATEGIES,
    concurrency: 4,
    overrides: EQUAL_WIDTH,
  },
};

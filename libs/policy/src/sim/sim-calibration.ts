/**
 * Measuring the simulated policy the way the search will use it: greedy accuracy, single-sample
 * and pass@k accuracy at a temperature, how often an erroneous prefix ends wrong, and whether
 * Monte-Carlo step values (rollouts to the end) separate good steps from bad ones.
 */
import { hashSeed, type Problem } from '@prmbas/search';
import { type Question, isCorrect, nextCorrectStep, parseStep, renderStep, toProblem } from '@prmbas/tasks';
import { type SimPolicy, parseState, simPayloadOf } from './sim-policy';

export const CALIBRATION_DEFAULTS = {
  /** Sampling temperature of the sampled runs. */
  temperature: 0.8,
  /** Samples per question for pass@k. */
  samples: 8,
  /** Run seed. */
  seed: 1,
  /** Questions (from the start of the list) whose sampled solutions get Monte-Carlo step values. */
  mcQuestions: 60,
  /** Rollouts per step for Monte-Carlo values. */
  mcRollouts: 8,
  /** Safety cap on solution length. */
  maxSteps: 16,
};
export type CalibrationOptions = typeof CALIBRATION_DEFAULTS;

export interface Solution {
  steps: string[];
  answer: string | null;
}

/** Sample a solution to the end from a prefix (one candidate per call, seeded per depth). */
export function rollout(policy: SimPolicy, problem: Problem, prefix: readonly string[], temperature: number, seed: number, maxSteps = CALIBRATION_DEFAULTS.maxSteps): Solution {
  const steps = prefix.slice();
  while (steps.length < maxSteps) {
    const [p] = policy.proposeNow({ problem, steps, n: 1, temperature, seed: hashSeed(seed, steps.length) });
    if (!p) break;
    steps.push(p.text);
    if (p.terminal) return { steps, answer: p.answer ?? null };
  }
  return { steps, answer: null };
}

/** Index of the first step that differs from the correct continuation of its prefix, or -1. */
export function firstErrorIndex(problem: Problem, steps: readonly string[]): number {
  const payload = simPayloadOf(problem);
  const stated = parseState(payload, steps, problem.id);
  for (let i = 0; i < stated.length; i++) {
    if (renderStep(nextCorrectStep(payload, stated.slice(0, i))) !== renderStep(stated[i]!)) return i;
  }
  return -1;
}

/** Area under the ROC curve of scores for positives vs negatives (ties count half). */
export function auroc(positives: readonly number[], negatives: readonly number[]): number {
  if (positives.length === 0 || negatives.length === 0) return NaN;
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

export interface CalibrationReport {
  questions: number;
  temperature: number;
  samples: number;
  greedyAccuracy: number;
  /** Mean accuracy of one sample at `temperature`. */
  sampleAccuracy: number;
  /** Share of questions with at least one correct answer among `samples` samples. */
  passAtK: number;
  /** Sampled solutions with at least one wrong step. */
  erroneousSolutions: number;
  /** Of those, the share whose final answer is wrong. */
  wrongGivenError: number;
  /** Of the error-free sampled solutions, the share whose final answer is right (should be 1). */
  rightGivenClean: number;
  byDifficulty: Record<string, { questions: number; greedy: number; passAtK: number }>;
  /** Monte-Carlo step values of sampled steps: prefixes still error-free vs already erroneous. */
  mc: { goodSteps: number; badSteps: number; meanGood: number; meanBad: number; auroc: number };
}

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function calibrateSimPolicy(policy: SimPolicy, questions: readonly Question[], options: Partial<CalibrationOptions> = {}): CalibrationReport {
  const o = { ...CALIBRATION_DEFAULTS, ...options };
  let greedyRight = 0;
  let sampleRight = 0;
  let passRight = 0;
  let erroneous = 0;
  let erroneousWrong = 0;
  let clean = 0;
  let cleanRight = 0;
  const byDifficulty: CalibrationReport['byDifficulty'] = {};
  const good: number[] = [];
  const bad: number[] = [];
  questions.forEach((question, qi) => {
    const problem = toProblem(question);
    const right = (answer: string | null) => isCorrect(answer, question.answer, question);
    const greedy = right(rollout(policy, problem, [], 0, hashSeed(o.seed, qi, 'greedy')).answer);
    const samples = Array.from({ length: o.samples }, (_, k) => rollout(policy, problem, [], o.temperature, hashSeed(o.seed, qi, 'sample', k)));
    const sampleOk = samples.map((s) => right(s.answer));
    greedyRight += greedy ? 1 : 0;
    sampleRight += sampleOk.filter(Boolean).length / o.samples;
    passRight += sampleOk.some(Boolean) ? 1 : 0;
    samples.forEach((s, k) => {
      const errorAt = firstErrorIndex(problem, s.steps);
      if (errorAt >= 0) {
        erroneous++;
        if (!sampleOk[k]) erroneousWrong++;
      } else {
        clean++;
        if (sampleOk[k]) cleanRight++;
      }
    });
    const d = String(question.meta.difficulty ?? '?');
    const bucket = (byDifficulty[d] ??= { questions: 0, greedy: 0, passAtK: 0 });
    bucket.questions++;
    bucket.greedy += greedy ? 1 : 0;
    bucket.passAtK += sampleOk.some(Boolean) ? 1 : 0;
    if (qi < o.mcQuestions) {
      const s = samples[0] as Solution;
      const errorAt = firstErrorIndex(problem, s.steps);
      for (let t = 0; t < s.steps.length; t++) {
        const prefix = s.steps.slice(0, t + 1);
        const last = parseStep(prefix[t] as string);
        const value = last?.kind === 'answer'
          ? (right(last.answer) ? 1 : 0)
          : mean(Array.from({ length: o.mcRollouts }, (_, m) => (right(rollout(policy, problem, prefix, o.temperature, hashSeed(o.seed, qi, 'mc', t, m)).answer) ? 1 : 0)));
        (errorAt >= 0 && t >= errorAt ? bad : good).push(value);
      }
    }
  });
  for (const b of Object.values(byDifficulty)) {
    b.greedy /= b.questions;
    b.passAtK /= b.questions;
  }
  const n = questions.length;
  return {
    questions: n,
    temperature: o.temperature,
    samples: o.samples,
    greedyAccuracy: greedyRight / n,
    sampleAccuracy: sampleRight / n,
    passAtK: passRight / n,
    erroneousSolutions: erroneous,
    wrongGivenError: erroneous ? erroneousWrong / erroneous : NaN,
    rightGivenClean: clean ? cleanRight / clean : NaN,
    byDifficulty,
    mc: { goodSteps: good.length, badSteps: bad.length, meanGood: mean(good), meanBad: mean(bad), auroc: auroc(good, bad) },
  };
}

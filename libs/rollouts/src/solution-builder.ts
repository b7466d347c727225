/**
 * One solution record: sample solution j (stream j), value every step prefix, then sample and value
 * sibling steps at the chosen states. All through the question's `RolloutTree`, so whatever another
 * solution of the question already generated is reused.
 */
import type { Proposal } from '@prmbas/search';
import type { Question } from '@prmbas/tasks';
import type { DatasetBuildConfig } from './build-config';
import { emptyAccounting, type RecordAccounting } from './build-stats';
import type { DatasetStep, SolutionRecord, ValuedStep } from './dataset-record';
import { childState, picksState, type RolloutState, type RolloutTree } from './rollout-tree';

/** The resume key of solution j of a question. */
export function solutionId(questionId: string, j: number): string {
  return `${questionId}#${j}`;
}

export interface SolutionContext {
  config: DatasetBuildConfig;
  /** The record's image reference (e.g. a path relative to the dataset file). */
  image: string | null;
  /** Provenance shared by every record of the build (solutionIndex is added per record). */
  meta: Record<string, unknown>;
}

export async function buildSolutionRecord(
  tree: RolloutTree,
  question: Question,
  j: number,
  context: SolutionContext,
): Promise<{ record: SolutionRecord; accounting: RecordAccounting }> {
  const { config } = context;
  const accounting = emptyAccounting();
  const { steps, states } = await tree.solution(j);
  accounting.naiveSteps += steps.length;

  const valueStep = async (state: RolloutState, step: Proposal): Promise<ValuedStep> => {
    const base = { text: step.text };
    const tail = { terminal: step.terminal, ...(step.answer !== undefined ? { answer: step.answer } : {}) };
    if (step.terminal) {
      const c = tree.answerCorrect(step) ? 1 : 0;
      return { ...base, value: c, rollouts: 0, correct: c, ...tail };
    }
    // A step at the depth limit that states no answer can never conclude: worth 0 without rollouts.
    if (state.steps.length + 1 >= config.maxSteps) return { ...base, value: 0, rollouts: 0, correct: 0, ...tail };
    const v = await tree.value(childState(state, step.text));
    accounting.needed += v.rollouts;
    accounting.naiveSteps += v.rolloutSteps;
    if (v.cached) accounting.savedByStateCache += v.rollouts;
    else {
      accounting.run += v.fresh;
      accounting.savedByPathReuse += v.reused;
    }
    return { ...base, value: v.value, rollouts: v.rollouts, correct: v.correct, ...tail };
  };

  // Shallowest prefix first: its rollouts' streams through deeper prefixes are then known when
  // those are valued (reused whole). The order changes what counts as reused, never the values
  // or the policy calls: each (state, stream) is generated once either way.
  const valued: DatasetStep[] = [];
  for (let i = 0; i < steps.length; i++) valued.push(await valueStep(states[i] as RolloutState, steps[i] as Proposal));

  for (const i of siblingStateIndices(valued, states, config)) {
    const state = states[i] as RolloutState;
    const sampled = await tree.siblings(state);
    accounting.naiveSteps += sampled.length;
    const kept = config.distinctSiblings ? distinctFrom((valued[i] as DatasetStep).text, sampled) : sampled;
    // Siblings are disjoint subtrees (no stream passes through two of them): value them together.
    (valued[i] as DatasetStep).siblings = await Promise.all(kept.map((s) => valueStep(state, s)));
  }

  const last = steps[steps.length - 1] as Proposal;
  const record: SolutionRecord = {
    id: solutionId(question.id, j),
    questionId: question.id,
    question: question.text,
    image: context.image,
    answer: question.answer,
    answerType: question.answerType,
    ...(question.choices ? { choices: question.choices.slice() } : {}),
    steps: valued,
    finalAnswer: last.terminal ? (last.answer ?? null) : null,
    correct: last.terminal && tree.answerCorrect(last),
    meta: { solutionIndex: j, ...context.meta },
  };
  return { record, accounting };
}

/** Indices of the steps whose state (the steps before them) gets K siblings. */
function siblingStateIndices(valued: readonly DatasetStep[], states: readonly RolloutState[], config: DatasetBuildConfig): number[] {
  if (config.siblings === 0) return [];
  const all = valued.map((_, i) => i);
  const rule = config.siblingStates;
  if (rule === 'none') return [];
  if (rule === 'all') return all;
  if (rule === 'first-error') {
    const i = valued.findIndex((s) => s.value <= config.errorValue);
    return i < 0 ? [] : [i];
  }
  return all.filter((i) => picksState(states[i] as RolloutState, rule));
}

/** `sampled` without the solution's own step and without repeats, in sampling order. */
function distinctFrom(own: string, sampled: readonly Proposal[]): Proposal[] {
  const seen = new Set([own]);
  const out: Proposal[] = [];
  for (const s of sampled) {
    if (seen.has(s.text)) continue;
    seen.add(s.text);
    out.push(s);
  }
  return out;
}

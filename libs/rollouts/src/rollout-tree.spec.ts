import { UsageMeter } from '@prmbas/policy';
import type { Policy, Proposal, ProposeRequest } from '@prmbas/search';
import { toProblem, type Question } from '@prmbas/tasks';
import { describe, expect, it } from 'vitest';
import { BUILD_DEFAULTS, type DatasetBuildConfig } from './build-config';
import { childState, RolloutTree, streamSeed, type RolloutState } from './rollout-tree';
import { checkAnswer, simPolicy, synthQuestions } from './testing/sim-fixture';

const config: DatasetBuildConfig = { ...BUILD_DEFAULTS, rollouts: 6, siblings: 3, seed: 11 };

/** The sim policy, recording every request (the real policy, only observed). */
class RecordingPolicy implements Policy {
  readonly name = 'recording-sim';
  readonly requests: ProposeRequest[] = [];
  private readonly inner = simPolicy();
  async propose(request: ProposeRequest): Promise<Proposal[]> {
    this.requests.push(request);
    return this.inner.propose(request);
  }
}

function treeFor(question: Question, policy: Policy = simPolicy(), c: DatasetBuildConfig = config) {
  const usage = new UsageMeter();
  return { tree: new RolloutTree(question, { policy, isCorrect: checkAnswer, config: c, usage }), usage };
}

/** Reference: rollout r of `state` generated from scratch, step by step, with no memo at all. */
async function referenceRollout(question: Question, state: RolloutState, r: number, c: DatasetBuildConfig): Promise<{ correct: boolean; length: number }> {
  const policy = simPolicy();
  let s = state;
  for (let length = 1; ; length++) {
    const [step] = (await policy.propose({
      problem: toProblem(question), steps: s.steps, n: 1, temperature: c.temperature, seed: streamSeed(s, r), finalize: s.steps.length === c.maxSteps - 1,
    })) as [Proposal];
    if (step.terminal) return { correct: step.answer !== undefined && checkAnswer(step.answer, question), length };
    if (s.steps.length + 1 >= c.maxSteps) return { correct: false, length };
    s = childState(s, step.text);
  }
}

describe('RolloutTree', () => {
  it('gives every state the value of its M streams rolled out from scratch, while generating far fewer steps', async () => {
    for (const question of synthQuestions(6, 3)) {
      const { tree, usage } = treeFor(question);
      let naiveSteps = 0;
      for (const j of [0, 1]) {
        const { steps, states } = await tree.solution(j);
        for (let i = 0; i < steps.length; i++) {
          const step = steps[i] as Proposal;
          if (step.terminal) continue;
          const state = childState(states[i] as RolloutState, step.text);
          const value = await tree.value(state);
          const reference = await Promise.all(Array.from({ length: config.rollouts }, (_, r) => referenceRollout(question, state, r, config)));
          expect(value.correct).toBe(reference.filter((x) => x.correct).length);
          expect(value.value).toBe(value.correct / config.rollouts);
          expect(value.rolloutSteps).toBe(reference.reduce((n, x) => n + x.length, 0));
          naiveSteps += value.rolloutSteps;
        }
      }
      expect(usage.toUsage().generatedSteps).toBeLessThan(naiveSteps);
    }
  });

  it("reuses a solution's own continuation as one rollout of each of its states", async () => {
    const question = synthQuestions(3, 4)[1] as Question;
    const { tree } = treeFor(question);
    const { steps, states } = await tree.solution(2);
    expect(steps[0]?.terminal).toBe(false);
    // Stream 2 from the state after step 1 is the rest of solution 2: already known.
    const first = await tree.value(childState(states[0] as RolloutState, (steps[0] as Proposal).text));
    expect(first).toMatchObject({ fresh: config.rollouts - 1, reused: 1, cached: false });
  });

  it('values a repeated state once, from its cache', async () => {
    const question = synthQuestions(2, 5)[0] as Question;
    const { tree, usage } = treeFor(question);
    const state = childState(tree.root, (await tree.solution(0)).steps[0]!.text);
    const once = await tree.value(state);
    const calls = usage.policyCalls;
    const again = await tree.value(state);
    expect(usage.policyCalls).toBe(calls);
    expect(again).toEqual({ ...once, cached: true, fresh: 0, reused: 0 });
  });

  it('asks for a final answer exactly at the last allowed step and never goes deeper', async () => {
    const policy = new RecordingPolicy();
    const shallow = { ...config, maxSteps: 2 };
    for (const question of synthQuestions(4, 6)) {
      const { tree } = treeFor(question, policy, shallow);
      const { steps, states } = await tree.solution(0);
      expect(steps.length).toBeLessThanOrEqual(2);
      if (!steps[0]!.terminal) await tree.value(childState(states[0] as RolloutState, steps[0]!.text));
      await tree.siblings(tree.root);
    }
    expect(policy.requests.length).toBeGreaterThan(0);
    for (const request of policy.requests) {
      expect(request.steps.length).toBeLessThan(2);
      expect(request.finalize).toBe(request.steps.length === 1);
    }
  });

  it('samples K siblings per state in one call, the same for every solution through the state', async () => {
    const policy = new RecordingPolicy();
    const question = synthQuestions(1, 7)[0] as Question;
    const { tree } = treeFor(question, policy);
    const a = await tree.siblings(tree.root);
    const b = await tree.siblings(tree.root);
    expect(a).toHaveLength(config.siblings);
    expect(b).toBe(a);
    expect(policy.requests.filter((r) => r.n === config.siblings)).toHaveLength(1);
  });

  it('rejects a policy that returns fewer proposals than asked', async () => {
    const short: Policy = { name: 'short', propose: async () => [] };
    const question = synthQuestions(1)[0] as Question;
    await expect(treeFor(question, short).tree.solution(0)).rejects.toThrow(/returned 0 of 1 proposals/);
  });
});

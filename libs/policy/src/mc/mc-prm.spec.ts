import { hashSeed, Rng, type Policy, type PrmItem, type Problem, type Proposal, type ProposeRequest } from '@prmbas/search';
import { describe, expect, it } from 'vitest';
import { McPrm } from './mc-prm';

const problem: Problem = { id: 'toy', text: 'toy question', images: [], answerType: 'number' };
const isCorrect = (answer: string) => answer === '42';
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Scripted toy: the candidate "cand k=K len=L" makes rollouts 0..K-1 of the batched first step
 * "good" and the rest "bad"; every rollout then writes exactly L steps, the last one terminal with
 * answer 42 (good) or 7 (bad), or earlier when asked to finalize. So the exact value is K/M.
 */
class ScriptedPolicy implements Policy {
  readonly name = 'scripted';
  calls: ProposeRequest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(private readonly delayMs = 0) {}

  async propose(request: ProposeRequest): Promise<Proposal[]> {
    this.calls.push(request);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      // Completion order varies with the seed, not with the order calls were made.
      if (this.delayMs > 0) await wait(request.seed % this.delayMs);
      request.signal?.throwIfAborted();
      const cand = request.steps.find((s) => s.startsWith('cand'))!;
      const [, k, len] = /k=(\d+) len=(\d+)/.exec(cand)!.map(Number) as [number, number, number];
      const last = request.steps[request.steps.length - 1]!;
      return Array.from({ length: request.n }, (_, i) => {
        const kind = last === cand ? (i < k ? 'good' : 'bad') : last.split(' ')[0]!;
        const depth = last === cand ? 1 : Number(last.split(' ')[1]) + 1;
        if (depth >= len || request.finalize) return { text: `${kind} ${depth} done`, terminal: true, answer: kind === 'good' ? '42' : '7', tokens: 2 };
        return { text: `${kind} ${depth}`, terminal: false, tokens: 2 };
      });
    } finally {
      this.inFlight--;
    }
  }
}

/** Random toy: each rollout's final step is correct with probability p, drawn from the call's seed. */
class CoinPolicy implements Policy {
  readonly name = 'coin';
  seeds: number[] = [];
  constructor(private readonly p: number, private readonly steps = 5) {}
  async propose(request: ProposeRequest): Promise<Proposal[]> {
    this.seeds.push(request.seed);
    await wait(Math.random() * 3); // scramble completion order
    const rng = new Rng(request.seed);
    const done = request.finalize || request.steps.length >= this.steps;
    return Array.from({ length: request.n }, () =>
      done ? { text: 'end', terminal: true, answer: rng.chance(this.p) ? '42' : '0' } : { text: `s${rng.int(0, 9)}`, terminal: false },
    );
  }
}

const item = (candidate: string, over: Partial<PrmItem> = {}): PrmItem => ({ problem, steps: ['q step'], candidate, terminal: false, ...over });

describe('McPrm', () => {
  it('values each item of a batch as the share of correct rollouts, with exact usage', async () => {
    const policy = new ScriptedPolicy();
    const prm = new McPrm({ policy, isCorrect, rollouts: 4 });
    const items = [item('cand k=0 len=1'), item('cand k=1 len=2'), item('cand k=3 len=3'), item('cand k=4 len=2')];
    const { scores, usage } = await prm.score(items, { seed: 1 });
    expect(scores).toEqual([0, 0.25, 0.75, 1]);
    // Per item: one batched call (n=4), then 4 rollouts × (len-1) single calls; 4 × len steps of 2 tokens.
    const lens = [1, 2, 3, 2];
    expect(usage).toEqual({
      policyCalls: lens.reduce((s, l) => s + 1 + 4 * (l - 1), 0),
      generatedSteps: lens.reduce((s, l) => s + 4 * l, 0),
      tokens: lens.reduce((s, l) => s + 8 * l, 0),
    });
    expect(policy.calls.filter((c) => c.n === 4)).toHaveLength(4);
    expect(policy.calls.every((c) => c.temperature === 0.8)).toBe(true);
    expect(prm.stats()).toMatchObject({ ...usage, scoredItems: 4 });
  });

  it('scores terminal candidates 1/0 by their answer without any rollout', async () => {
    const policy = new ScriptedPolicy();
    const prm = new McPrm({ policy, isCorrect });
    const { scores, usage } = await prm.score([
      item('The answer is 42.', { terminal: true, answer: '42' }),
      item('The answer is 41.', { terminal: true, answer: '41' }),
      item('I give up.', { terminal: true }),
    ]);
    expect(scores).toEqual([1, 0, 0]);
    expect(policy.calls).toHaveLength(0);
    expect(usage).toEqual({ policyCalls: 0, generatedSteps: 0, tokens: 0 });
  });

  it('asks for a final answer at maxDepth and stops there', async () => {
    const policy = new ScriptedPolicy();
    const prm = new McPrm({ policy, isCorrect, rollouts: 2, maxDepth: 3 });
    const { scores, usage } = await prm.score([item('cand k=1 len=50')]);
    expect(scores).toEqual([0.5]);
    expect(usage!.generatedSteps).toBe(2 * 3);
    const finalizing = policy.calls.filter((c) => c.finalize);
    expect(finalizing).toHaveLength(2);
    // state = 2 steps (q step + candidate); the finalize call sees 2 rollout steps already written.
    expect(finalizing.map((c) => c.steps.length)).toEqual([4, 4]);
  });

  it('counts a rollout that never concludes as wrong', async () => {
    const stubborn: Policy = { name: 'stubborn', propose: async (r) => Array.from({ length: r.n }, () => ({ text: 'hmm', terminal: false })) };
    const prm = new McPrm({ policy: stubborn, isCorrect, rollouts: 3, maxDepth: 2 });
    const { scores, usage } = await prm.score([item('cand')]);
    expect(scores).toEqual([0]);
    expect(usage).toEqual({ policyCalls: 1 + 3, generatedSteps: 6, tokens: null });
  });

  it('is deterministic given the seed, whatever the completion order, and seeds differ per rollout', async () => {
    const run = async (seed: number) => {
      const policy = new CoinPolicy(0.5);
      const prm = new McPrm({ policy, isCorrect, rollouts: 16, batchFirstStep: false, concurrency: 5 });
      const { scores } = await prm.score([item('a'), item('b'), item('c')], { seed });
      return { scores, seeds: policy.seeds };
    };
    const a = await run(3);
    const b = await run(3);
    const c = await run(4);
    expect(a.scores).toEqual(b.scores);
    expect(a.scores).not.toEqual(c.scores);
    expect(new Set(a.seeds)).toEqual(new Set(b.seeds));
    expect(new Set(a.seeds).size).toBe(a.seeds.length);
    expect(a.seeds).toContain(hashSeed(3, 1, 5, 2)); // item 1, rollout 5, depth 2
  });

  it('estimates the success probability of independent rollouts', async () => {
    const prm = new McPrm({ policy: new CoinPolicy(0.3), isCorrect, rollouts: 400, concurrency: 64 });
    const { scores } = await prm.score([item('x')], { seed: 9 });
    expect(scores[0]).toBeGreaterThan(0.22);
    expect(scores[0]).toBeLessThan(0.38);
  });

  it('keeps at most `concurrency` rollout calls in flight', async () => {
    const policy = new ScriptedPolicy(7);
    const prm = new McPrm({ policy, isCorrect, rollouts: 6, concurrency: 3 });
    await prm.score([item('cand k=2 len=3'), item('cand k=5 len=4')]);
    expect(policy.maxInFlight).toBe(3);
    expect(prm.stats().maxInFlight).toBe(3);
  });

  it('rolls out identical items once and gives them the same value', async () => {
    const policy = new ScriptedPolicy();
    const prm = new McPrm({ policy, isCorrect, rollouts: 4 });
    const { scores, usage } = await prm.score([item('cand k=3 len=2'), item('cand k=1 len=2'), item('cand k=3 len=2')]);
    expect(scores).toEqual([0.75, 0.25, 0.75]);
    expect(usage!.policyCalls).toBe(2 * (1 + 4));
  });

  it('fails the batch when the policy fails, and stops the other rollouts', async () => {
    let calls = 0;
    const flaky: Policy = {
      name: 'flaky',
      async propose(r) {
        calls++;
        if (r.steps.includes('bad')) throw new Error('server down');
        await wait(20);
        r.signal?.throwIfAborted();
        return Array.from({ length: r.n }, () => ({ text: 'go', terminal: false }));
      },
    };
    const prm = new McPrm({ policy: flaky, isCorrect, rollouts: 4, maxDepth: 50, concurrency: 2 });
    await expect(prm.score([item('good'), item('bad')])).rejects.toThrow('server down');
    await wait(100);
    expect(calls).toBeLessThan(10);
  });

  it('rejects a policy that returns fewer proposals than asked', async () => {
    const short: Policy = { name: 'short', propose: async () => [{ text: 'x', terminal: false }] };
    await expect(new McPrm({ policy: short, isCorrect, rollouts: 3 }).score([item('c')])).rejects.toThrow(/returned 1 of 3/);
  });

  it('honours the caller abort', async () => {
    const ctrl = new AbortController();
    const prm = new McPrm({ policy: new ScriptedPolicy(50), isCorrect, rollouts: 4 });
    setTimeout(() => ctrl.abort(new Error('stop search')), 5);
    await expect(prm.score([item('cand k=2 len=5')], { signal: ctrl.signal })).rejects.toThrow('stop search');
  });

  it('validates its options and names itself after them', () => {
    const policy = new ScriptedPolicy();
    expect(() => new McPrm({ policy, isCorrect, rollouts: 0 })).toThrow(/rollouts/);
    expect(() => new McPrm({ policy, isCorrect, temperature: -1 })).toThrow(/temperature/);
    expect(new McPrm({ policy, isCorrect }).name).toBe('mc(rollouts=8,temperature=0.8,maxDepth=10)@scripted');
  });
});

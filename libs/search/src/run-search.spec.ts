import { describe, expect, it } from 'vitest';
import type { SearchEvent } from './events';
import { Semaphore } from './concurrency';
import { hashSeed, Rng } from './rng';
import { runSearch } from './run-search';
import type { SearchConfigInput } from './search-config';
import { problem } from './testing/expected-tree';
import { InstrumentedPolicy } from './testing/instrumented-policy';
import { SeededPolicy, SeededPrm } from './testing/seeded-policy';
import type { Prm, SearchResult } from './types';

const CONFIGS: SearchConfigInput[] = [
  { strategy: 'greedy', seed: 1, maxDepth: 6 },
  { strategy: 'self-consistency', seed: 1, n: 6, maxDepth: 6 },
  { strategy: 'best-of-n', seed: 1, n: 6, maxDepth: 6 },
  { strategy: 'beam', seed: 1, width: 3, k: 3, maxDepth: 6 },
  { strategy: 'dvts', seed: 1, n: 6, m: 2, maxDepth: 6 },
  { strategy: 'prm-bas', seed: 1, k: 3, maxDepth: 6, schedule: { b0: 6, delta: 2, bMin: 2 } },
  { strategy: 'prm-bas', seed: 1, k: 3, maxDepth: 6, schedule: { kind: 'adaptive', b0: 6, bMin: 2, delta: 1, threshold: 0.1 } },
];

const withoutWall = (r: SearchResult) => ({ ...r, cost: { ...r.cost, wallMs: 0 } });

/** Random per-call latency, seeded by `latencySeed` and the call's own seed. */
function jittery(latencySeed: number, terminalRate?: number) {
  return new InstrumentedPolicy(new SeededPolicy(terminalRate), (req) => new Rng(hashSeed(latencySeed, req.seed)).int(0, 12));
}

describe('determinism', () => {
  it.each(CONFIGS.map((c) => [`${c.strategy}${'schedule' in c ? `/${c.schedule?.kind ?? 'linear'}` : ''}`, c] as const))(
    '%s: identical results whatever order concurrent calls complete in',
    async (_name, config) => {
      const a = jittery(1);
      const b = jittery(2);
      const first = await runSearch(config, { policy: a, prm: new SeededPrm(), problem });
      const second = await runSearch(config, { policy: b, prm: new SeededPrm(), problem });
      const sequential = await runSearch({ ...config, concurrency: 1 }, { policy: jittery(3), prm: new SeededPrm(), problem });
      expect(withoutWall(second)).toEqual(withoutWall(first));
      expect(withoutWall(sequential)).toEqual(withoutWall(first));
      if (config.strategy !== 'greedy') expect(b.completions).not.toEqual(a.completions);
      expect(first.answer).not.toBeNull();
    },
  );

  it('a different seed gives a different search', async () => {
    const run = (seed: number) => runSearch({ strategy: 'prm-bas', seed }, { policy: new SeededPolicy(), prm: new SeededPrm(), problem });
    expect((await run(1)).tree).not.toEqual((await run(2)).tree);
  });
});

describe('cost accounting across strategies', () => {
  it.each(CONFIGS.filter((c) => c.strategy !== 'greedy' && c.strategy !== 'self-consistency').map((c) => [c.strategy, c] as const))(
    '%s: the PRM is called once per depth with every candidate of the depth',
    async (_name, config) => {
      const batches: number[] = [];
      const inner = new SeededPrm();
      const prm: Prm = { name: 'counting', score: (items) => (batches.push(items.length), inner.score(items)) };
      const result = await runSearch(config, { policy: new SeededPolicy(), prm, problem });
      const perDepth = result.beamWidths.map((_, d) => result.tree.filter((n) => n.depth === d).length);
      expect(batches).toEqual(perDepth);
      expect(result.cost).toMatchObject({
        prmBatches: result.beamWidths.length,
        prmScoredSteps: result.tree.length,
        generatedSteps: result.tree.length,
        scorer: { policyCalls: result.tree.length, generatedSteps: 2 * result.tree.length, tokens: null },
      });
      expect(result.tree.every((n) => n.score !== null)).toBe(true);
      expect(result.cost.tokens).toBeGreaterThan(0);
    },
  );
});

describe('concurrency', () => {
  const fixed = (ms: number) => new InstrumentedPolicy(new SeededPolicy(0), () => ms);

  it('runs all proposals of a depth together: one wave per depth', async () => {
    const policy = fixed(5);
    const result = await runSearch({ strategy: 'beam', width: 4, k: 2, maxDepth: 4 }, { policy, prm: new SeededPrm(), problem });
    // Depth 0 is one call for 4 first steps; every later depth expands 4 beams.
    expect(result.beamWidths).toEqual([4, 4, 4, 4]);
    expect(Object.fromEntries(policy.peakByDepth)).toEqual({ 0: 1, 1: 4, 2: 4, 3: 4 });
    expect(policy.waves).toBe(result.beamWidths.length);
    expect(result.cost.policyCalls).toBe(13);
  });

  it('never exceeds the concurrency limit', async () => {
    const policy = fixed(3);
    await runSearch({ strategy: 'beam', width: 4, k: 2, maxDepth: 4, concurrency: 3 }, { policy, prm: new SeededPrm(), problem });
    expect(policy.peak).toBe(3);
    expect(Object.fromEntries(policy.peakByDepth)).toEqual({ 0: 1, 1: 3, 2: 3, 3: 3 });

    const chains = fixed(3);
    const sc = await runSearch({ strategy: 'self-consistency', n: 6, maxDepth: 3, concurrency: 4 }, { policy: chains, problem });
    expect(chains.peak).toBe(4);
    expect(chains.waves).toBe(sc.beamWidths.length);

    const subtrees = fixed(3);
    await runSearch({ strategy: 'dvts', n: 8, m: 2, maxDepth: 3 }, { policy: subtrees, prm: new SeededPrm(), problem });
    expect(subtrees.peakByDepth.get(0)).toBe(4);
  });

  it('can share one limit across concurrent searches', async () => {
    const policy = fixed(3);
    const semaphore = new Semaphore(3);
    const deps = { policy, prm: new SeededPrm(), problem, semaphore };
    await Promise.all([
      runSearch({ strategy: 'beam', width: 4, k: 2, maxDepth: 3 }, deps),
      runSearch({ strategy: 'beam', seed: 9, width: 4, k: 2, maxDepth: 3 }, deps),
    ]);
    expect(policy.peak).toBe(3);
  });

  it('takes about depth x latency, not calls x latency (coarse wall-clock check)', async () => {
    const latency = 40;
    const policy = fixed(latency);
    const result = await runSearch({ strategy: 'beam', width: 4, k: 4, maxDepth: 4 }, { policy, prm: new SeededPrm(), problem });
    expect(result.cost.policyCalls).toBe(13);
    expect(result.cost.wallMs).toBeGreaterThanOrEqual(4 * latency * 0.9);
    expect(result.cost.wallMs).toBeLessThan(2.5 * 4 * latency);
  });
});

describe('abort', () => {
  it('rejects at once with the reason of an already aborted signal', async () => {
    const policy = new InstrumentedPolicy(new SeededPolicy(), () => 0);
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(runSearch({ strategy: 'prm-bas' }, { policy, prm: new SeededPrm(), problem, signal: controller.signal })).rejects.toThrow('cancelled');
    expect(policy.waves).toBe(0);
  });

  it('stops between depths', async () => {
    const policy = new InstrumentedPolicy(new SeededPolicy(0), () => 0);
    const controller = new AbortController();
    const onEvent = (e: SearchEvent) => {
      if (e.type === 'candidates-scored' && e.depth === 1) controller.abort(new Error('enough'));
    };
    await expect(
      runSearch({ strategy: 'prm-bas', maxDepth: 6 }, { policy, prm: new SeededPrm(), problem, signal: controller.signal, onEvent }),
    ).rejects.toThrow('enough');
    expect([...policy.peakByDepth.keys()]).toEqual([0, 1]);
  });

  it('interrupts calls in flight', async () => {
    const policy = new InstrumentedPolicy(new SeededPolicy(), () => 10_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('timeout')), 20);
    const started = Date.now();
    await expect(runSearch({ strategy: 'dvts' }, { policy, prm: new SeededPrm(), problem, signal: controller.signal })).rejects.toThrow('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('abort, with collaborators that ignore the signal', () => {
  it('still rejects promptly', async () => {
    const slow = { name: 'deaf', propose: () => new Promise<never>(() => undefined) };
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('gave up')), 10);
    await expect(runSearch({ strategy: 'greedy' }, { policy: slow, problem, signal: controller.signal })).rejects.toThrow('gave up');

    const deafPrm: Prm = { name: 'deaf-prm', score: () => new Promise<never>(() => undefined) };
    const again = new AbortController();
    setTimeout(() => again.abort(new Error('gave up on the PRM')), 10);
    await expect(runSearch({ strategy: 'beam' }, { policy: new SeededPolicy(), prm: deafPrm, problem, signal: again.signal })).rejects.toThrow(
      'gave up on the PRM',
    );
  });
});

describe('failures surface clearly', () => {
  it('a PRM that returns the wrong number of scores', async () => {
    const prm: Prm = { name: 'short', score: async (items) => ({ scores: items.slice(1).map(() => 0.5) }) };
    await expect(runSearch({ strategy: 'beam' }, { policy: new SeededPolicy(), prm, problem })).rejects.toThrow(
      'PRM short returned 3 scores for 4 steps',
    );
  });

  it('a PRM score outside [0, 1]', async () => {
    const prm: Prm = { name: 'wild', score: async (items) => ({ scores: items.map(() => 1.5) }) };
    await expect(runSearch({ strategy: 'beam' }, { policy: new SeededPolicy(), prm, problem })).rejects.toThrow(/score 1.5 .*must be in \[0, 1\]/);
  });

  it('a failing policy call', async () => {
    const policy = { name: 'down', propose: async () => Promise.reject(new Error('connection refused')) };
    await expect(runSearch({ strategy: 'self-consistency' }, { policy, problem })).rejects.toThrow('connection refused');
  });

  it('a PRM strategy without a PRM, before any policy call', async () => {
    const policy = new InstrumentedPolicy(new SeededPolicy(), () => 0);
    for (const strategy of ['best-of-n', 'beam', 'dvts', 'prm-bas'] as const) {
      await expect(runSearch({ strategy } as SearchConfigInput, { policy, problem })).rejects.toThrow(`${strategy} needs a PRM`);
    }
    expect(policy.waves).toBe(0);
  });

  it('an invalid config', async () => {
    await expect(runSearch({ strategy: 'prm-bas', schedule: { b0: 0 } }, { policy: new SeededPolicy(), problem })).rejects.toThrow(
      'prm-bas.schedule.b0: must be an integer >= 1',
    );
  });
});

describe('events', () => {
  it('end with the result that is returned', async () => {
    const events: SearchEvent[] = [];
    const result = await runSearch({ strategy: 'dvts' }, { policy: new SeededPolicy(), prm: new SeededPrm(), problem, onEvent: (e) => events.push(e) });
    expect(events.at(-1)).toEqual({ type: 'finished', result });
    const generated = events.flatMap((e) => (e.type === 'candidates-generated' ? e.nodes.map((n) => n.id) : []));
    expect(generated).toEqual(result.tree.map((n) => n.id));
  });
});

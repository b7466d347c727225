import { describe, expect, it } from 'vitest';
import { runSearch } from './run-search';
import { fakeClock, problem, tree } from './testing/expected-tree';
import { ScriptedPolicy } from './testing/scripted-policy';

describe('greedy', () => {
  it('follows the first candidate at temperature 0 until a terminal step', async () => {
    const policy = new ScriptedPolicy({
      table: { '': ['a', 'b'], a: ['a2'], 'a/a2': ['ans:5'] },
      tokens: true,
    });
    const result = await runSearch({ strategy: 'greedy', seed: 3 }, { policy, problem, clock: fakeClock(100, 142) });

    expect(result.tree).toEqual(
      tree([
        [0, null, 0, 'a', null, 'expanded', 0],
        [1, 0, 1, 'a2', null, 'expanded', 0],
        [2, 1, 2, 'ans:5', null, 'finished', 0],
      ]),
    );
    expect(result).toMatchObject({ strategy: 'greedy', answer: '5', answerNode: 2, solution: ['a', 'a2', 'ans:5'], beamWidths: [1, 1, 1] });
    expect(result.cost).toEqual({
      policyCalls: 3,
      generatedSteps: 3,
      tokens: 1 + 2 + 5,
      prmScoredSteps: 0,
      prmBatches: 0,
      scorer: { policyCalls: 0, generatedSteps: 0, tokens: 0 },
      wallMs: 42,
    });
    expect(policy.calls.map((c) => [c.n, c.temperature, c.finalize])).toEqual([
      [1, 0, false],
      [1, 0, false],
      [1, 0, false],
    ]);
  });

  it('asks for a final answer at maxDepth and reports unknown tokens as null', async () => {
    const policy = new ScriptedPolicy({ table: { '': ['a'], a: ['a2'], 'a!': ['ans:9'] } });
    const result = await runSearch({ strategy: 'greedy', maxDepth: 2 }, { policy, problem });
    expect(result.tree).toEqual(
      tree([
        [0, null, 0, 'a', null, 'expanded', 0],
        [1, 0, 1, 'ans:9', null, 'finished', 0],
      ]),
    );
    expect(policy.calls.map((c) => c.finalize)).toEqual([false, true]);
    expect(result.answer).toBe('9');
    expect(result.cost.tokens).toBeNull();
  });

  it('returns a null answer when the chain never finishes', async () => {
    const policy = new ScriptedPolicy({ table: { '': ['a'], a: ['b'] } });
    const result = await runSearch({ strategy: 'greedy', maxDepth: 2 }, { policy, problem });
    expect(result.tree).toEqual(
      tree([
        [0, null, 0, 'a', null, 'expanded', 0],
        [1, 0, 1, 'b', null, 'kept', 0],
      ]),
    );
    expect(result).toMatchObject({ answer: null, answerNode: null, solution: [], beamWidths: [1, 1] });
  });
});

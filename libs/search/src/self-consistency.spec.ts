import { describe, expect, it } from 'vitest';
import { runSearch } from './run-search';
import { proposeSeed } from './seeds';
import { fakeClock, problem, tree } from './testing/expected-tree';
import { ScriptedPolicy } from './testing/scripted-policy';

describe('self-consistency', () => {
  it('samples N chains in lockstep and majority-votes, ties to the lowest chain', async () => {
    const seed = 11;
    // Chain c's first call is the root call with lane c: it reads table[''][c].
    const lanes = [0, 1, 2, 3, 4].map((c) => proposeSeed(seed, null, 0, c));
    const policy = new ScriptedPolicy({
      lanes,
      table: {
        '': ['p', 'q', 'r', 's', 't'],
        p: ['ans:3'],
        q: ['q2'],
        'q/q2': ['ans:4'],
        r: ['ans:4'],
        s: ['ans:3'],
        t: ['t2'],
        't/t2': ['ans:5'],
      },
    });
    const result = await runSearch(
      { strategy: 'self-consistency', seed, n: 5, temperature: 0.7 },
      { policy, problem, clock: fakeClock(0, 7) },
    );

    // Depth 0: chains 0..4 get ids 0..4; depth 1: all five continue (ids 5..9, chain order);
    // depth 2: only chains 1 and 4 are unfinished (ids 10, 11).
    expect(result.tree).toEqual(
      tree([
        [0, null, 0, 'p', null, 'expanded', 0],
        [1, null, 0, 'q', null, 'expanded', 1],
        [2, null, 0, 'r', null, 'expanded', 2],
        [3, null, 0, 's', null, 'expanded', 3],
        [4, null, 0, 't', null, 'expanded', 4],
        [5, 0, 1, 'ans:3', null, 'finished', 0],
        [6, 1, 1, 'q2', null, 'expanded', 1],
        [7, 2, 1, 'ans:4', null, 'finished', 2],
        [8, 3, 1, 'ans:3', null, 'finished', 3],
        [9, 4, 1, 't2', null, 'expanded', 4],
        [10, 6, 2, 'ans:4', null, 'finished', 1],
        [11, 9, 2, 'ans:5', null, 'finished', 4],
      ]),
    );
    // Votes: 3 by chains 0 and 3, 4 by chains 1 and 2, 5 by chain 4: the 3-4 tie goes to 3 (chain 0).
    expect(result).toMatchObject({ answer: '3', answerNode: 5, solution: ['p', 'ans:3'], beamWidths: [5, 5, 2] });
    expect(result.cost).toEqual({
      policyCalls: 12,
      generatedSteps: 12,
      tokens: null,
      prmScoredSteps: 0,
      prmBatches: 0,
      scorer: { policyCalls: 0, generatedSteps: 0, tokens: 0 },
      wallMs: 7,
    });
    expect(new Set(policy.calls.map((c) => c.temperature))).toEqual(new Set([0.7]));
    expect(policy.calls.every((c) => c.n === 1)).toBe(true);
  });
});

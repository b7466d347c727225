import { describe, expect, it } from 'vitest';
import { runSearch } from './run-search';
import { proposeSeed } from './seeds';
import { fakeClock, problem, tree } from './testing/expected-tree';
import { ScriptedPolicy } from './testing/scripted-policy';
import { ScriptedPrm } from './testing/scripted-prm';

const seed = 4;
// Subtree s's root call is lane s and reads table[''] from offset s*m.
const table = {
  '': ['a', 'b', 'c', 'd'],
  b: ['b1', 'ans:5'],
  c: ['c1', 'c2'],
  'c/c2!': ['ans:6', 'ans:5'],
};
const scores = {
  a: 0.4,
  b: 0.7,
  c: 0.6,
  d: 0.5,
  'b/b1': 0.5,
  'b/ans:5': 0.8,
  'c/c1': 0.65,
  'c/c2': 0.7,
  'c/c2/ans:6': 0.9,
  'c/c2/ans:5': 0.3,
};
const lanes = [0, 1].map((s) => proposeSeed(seed, null, 0, s));

describe('dvts', () => {
  it('runs n/m subtrees, each keeping its best candidate, until each finishes', async () => {
    const policy = new ScriptedPolicy({ table, lanes });
    const prm = new ScriptedPrm(scores);
    const result = await runSearch({ strategy: 'dvts', seed, n: 4, m: 2, maxDepth: 3 }, { policy, prm, problem, clock: fakeClock(0, 3) });

    // d0: subtree 0 gets a .4, b .7 -> keeps b; subtree 1 gets c .6, d .5 -> keeps c.
    // d1: b -> b1 .5, ans:5 .8: best is terminal, subtree 0 done (b1 pruned).
    //     c -> c1 .65, c2 .7: keeps c2.
    // d2 = maxDepth-1: c2 finalizes -> ans:6 .9, ans:5 .3.
    expect(result.tree).toEqual(
      tree([
        [0, null, 0, 'a', 0.4, 'pruned', 0],
        [1, null, 0, 'b', 0.7, 'expanded', 0],
        [2, null, 0, 'c', 0.6, 'expanded', 1],
        [3, null, 0, 'd', 0.5, 'pruned', 1],
        [4, 1, 1, 'b1', 0.5, 'pruned', 0],
        [5, 1, 1, 'ans:5', 0.8, 'finished', 0],
        [6, 2, 1, 'c1', 0.65, 'pruned', 1],
        [7, 2, 1, 'c2', 0.7, 'expanded', 1],
        [8, 7, 2, 'ans:6', 0.9, 'finished', 1],
        [9, 7, 2, 'ans:5', 0.3, 'finished', 1],
      ]),
    );
    expect(result).toMatchObject({ strategy: 'dvts', answer: '6', answerNode: 8, solution: ['c', 'c2', 'ans:6'], beamWidths: [2, 2, 1] });
    expect(result.cost).toEqual({
      policyCalls: 5,
      generatedSteps: 10,
      tokens: null,
      prmScoredSteps: 10,
      prmBatches: 3,
      scorer: { policyCalls: 0, generatedSteps: 0, tokens: 0 },
      wallMs: 3,
    });
    expect(policy.calls.map((c) => [c.steps.join('/'), c.n, c.finalize])).toEqual([
      ['', 2, false],
      ['', 2, false],
      ['b', 2, false],
      ['c', 2, false],
      ['c/c2', 2, true],
    ]);
    expect(prm.batches.map((b) => b.length)).toEqual([4, 4, 2]);
  });

  it('weighted vote: 5 -> .8 + .3 = 1.1 beats 6 -> .9', async () => {
    const result = await runSearch(
      { strategy: 'dvts', seed, n: 4, m: 2, maxDepth: 3, select: 'weighted-vote' },
      { policy: new ScriptedPolicy({ table, lanes }), prm: new ScriptedPrm(scores), problem },
    );
    expect([result.answer, result.answerNode]).toEqual(['5', 5]);
  });
});

import { describe, expect, it } from 'vitest';
import { runSearch } from './run-search';
import type { Aggregation, Selection } from './search-config';
import { proposeSeed } from './seeds';
import { fakeClock, problem, tree } from './testing/expected-tree';
import { ScriptedPolicy } from './testing/scripted-policy';
import { ScriptedPrm } from './testing/scripted-prm';

const seed = 5;
const table = {
  '': ['p', 'q', 'r', 's'],
  p: ['ans:1'],
  q: ['ans:2'],
  r: ['r2'],
  'r/r2': ['ans:2'],
  s: ['ans:1'],
};
// Path scores per chain:  c0 .9,.3  c1 .5,.6  c2 .4,.5,.5  c3 .8,.45
const scores = {
  p: 0.9,
  'p/ans:1': 0.3,
  q: 0.5,
  'q/ans:2': 0.6,
  r: 0.4,
  'r/r2': 0.5,
  'r/r2/ans:2': 0.5,
  s: 0.8,
  's/ans:1': 0.45,
};

function setup() {
  const policy = new ScriptedPolicy({ table, lanes: [0, 1, 2, 3].map((c) => proposeSeed(seed, null, 0, c)), tokens: true });
  const prm = new ScriptedPrm(scores, { policyCalls: 2, generatedSteps: 3, tokens: 10 });
  return { policy, prm };
}

describe('best-of-n', () => {
  it('samples N chains, scores each depth in one PRM batch, picks the best last score', async () => {
    const { policy, prm } = setup();
    const result = await runSearch({ strategy: 'best-of-n', seed, n: 4 }, { policy, prm, problem, clock: fakeClock(10, 35) });

    expect(result.tree).toEqual(
      tree([
        [0, null, 0, 'p', 0.9, 'expanded', 0],
        [1, null, 0, 'q', 0.5, 'expanded', 1],
        [2, null, 0, 'r', 0.4, 'expanded', 2],
        [3, null, 0, 's', 0.8, 'expanded', 3],
        [4, 0, 1, 'ans:1', 0.3, 'finished', 0],
        [5, 1, 1, 'ans:2', 0.6, 'finished', 1],
        [6, 2, 1, 'r2', 0.5, 'expanded', 2],
        [7, 3, 1, 'ans:1', 0.45, 'finished', 3],
        [8, 6, 2, 'ans:2', 0.5, 'finished', 2],
      ]),
    );
    // last: c0 .3, c1 .6, c2 .5, c3 .45 -> chain 1.
    expect(result).toMatchObject({ answer: '2', answerNode: 5, solution: ['q', 'ans:2'], beamWidths: [4, 4, 1] });
    expect(prm.batches).toEqual([
      ['p', 'q', 'r', 's'],
      ['p/ans:1', 'q/ans:2', 'r/r2', 's/ans:1'],
      ['r/r2/ans:2'],
    ]);
    expect(result.cost).toEqual({
      policyCalls: 9,
      generatedSteps: 9,
      tokens: 4 * 1 + (5 + 5 + 2 + 5) + 5,
      prmScoredSteps: 9,
      prmBatches: 3,
      scorer: { policyCalls: 6, generatedSteps: 9, tokens: 30 },
      wallMs: 25,
    });
  });

  // Aggregated per chain:       c0 (1)   c1 (2)   c2 (2)   c3 (1)
  //   last                      .3       .6       .5       .45
  //   min                       .3       .5       .4       .45
  //   prod                      .27      .30      .10      .36
  //   mean                      .6       .55      .4667    .625
  // weighted vote (last): 1 -> .75, 2 -> 1.1;  (prod): 1 -> .63, 2 -> .40
  it.each<[Aggregation, Selection, string, number]>([
    ['last', 'best', '2', 5],
    ['min', 'best', '2', 5],
    ['prod', 'best', '1', 7],
    ['mean', 'best', '1', 7],
    ['last', 'weighted-vote', '2', 5],
    ['prod', 'weighted-vote', '1', 7],
    ['min', 'weighted-vote', '2', 5],
  ])('aggregation %s, select %s -> answer %s from node %i', async (aggregation, select, answer, node) => {
    const { policy, prm } = setup();
    const result = await runSearch({ strategy: 'best-of-n', seed, n: 4, aggregation, select }, { policy, prm, problem });
    expect([result.answer, result.answerNode]).toEqual([answer, node]);
  });

  it('refuses to run without a PRM', async () => {
    const { policy } = setup();
    await expect(runSearch({ strategy: 'best-of-n' }, { policy, problem })).rejects.toThrow('best-of-n needs a PRM');
  });
});

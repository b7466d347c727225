import { describe, expect, it } from 'vitest';
import type { SearchEvent } from './events';
import { runSearch } from './run-search';
import { fakeClock, problem, tree } from './testing/expected-tree';
import { ScriptedPolicy } from './testing/scripted-policy';
import { ScriptedPrm } from './testing/scripted-prm';

const table = {
  '': ['a', 'b'],
  a: ['a1', 'ans:1'],
  b: ['b1', 'b2'],
  'a/a1': ['ans:2', 'a12'],
  'b/b1': ['ans:2', 'ans:3'],
};
const scores = {
  a: 0.6,
  b: 0.7,
  'a/a1': 0.5,
  'a/ans:1': 0.4,
  'b/b1': 0.8,
  'b/b2': 0.3,
  'a/a1/ans:2': 0.9,
  'a/a1/a12': 0.2,
  'b/b1/ans:2': 0.6,
  'b/b1/ans:3': 0.7,
};

describe('beam search (fixed width)', () => {
  it('keeps the top `width` live beams at every depth and stops at finishedTarget', async () => {
    const policy = new ScriptedPolicy({ table });
    const prm = new ScriptedPrm(scores);
    const events: SearchEvent[] = [];
    const result = await runSearch(
      { strategy: 'beam', width: 2, k: 2 },
      { policy, prm, problem, clock: fakeClock(0, 9), onEvent: (e) => events.push(e) },
    );

    // d0: root samples a, b.  Select b_1 = 2 of {a .6, b .7}: both.
    // d1: a -> a1 .5, ans:1 .4 (finished); b -> b1 .8, b2 .3.  Select 2 of {a1, b1, b2}: b1, a1; b2 pruned.
    // d2: a1 -> ans:2 .9, a12 .2; b1 -> ans:2 .6, ans:3 .7.  Pool = 4 >= finishedTarget (2): stop; a12 stays live.
    expect(result.tree).toEqual(
      tree([
        [0, null, 0, 'a', 0.6, 'expanded'],
        [1, null, 0, 'b', 0.7, 'expanded'],
        [2, 0, 1, 'a1', 0.5, 'expanded'],
        [3, 0, 1, 'ans:1', 0.4, 'finished'],
        [4, 1, 1, 'b1', 0.8, 'expanded'],
        [5, 1, 1, 'b2', 0.3, 'pruned'],
        [6, 2, 2, 'ans:2', 0.9, 'finished'],
        [7, 2, 2, 'a12', 0.2, 'kept'],
        [8, 4, 2, 'ans:2', 0.6, 'finished'],
        [9, 4, 2, 'ans:3', 0.7, 'finished'],
      ]),
    );
    expect(result).toMatchObject({ strategy: 'beam', answer: '2', answerNode: 6, solution: ['a', 'a1', 'ans:2'], beamWidths: [2, 2, 2] });
    expect(result.cost).toEqual({
      policyCalls: 5,
      generatedSteps: 10,
      tokens: null,
      prmScoredSteps: 10,
      prmBatches: 3,
      scorer: { policyCalls: 0, generatedSteps: 0, tokens: 0 },
      wallMs: 9,
    });
    expect(policy.calls.map((c) => [c.steps.join('/'), c.n])).toEqual([
      ['', 2],
      ['a', 2],
      ['b', 2],
      ['a/a1', 2],
      ['b/b1', 2],
    ]);
    expect(prm.batches.map((b) => b.length)).toEqual([2, 4, 4]);

    expect(events.map((e) => e.type)).toEqual([
      ...['depth-started', 'candidates-generated', 'candidates-scored', 'beams-selected'],
      ...['depth-started', 'candidates-generated', 'candidates-scored', 'beams-selected'],
      ...['depth-started', 'candidates-generated', 'candidates-scored', 'finished'],
    ]);
    expect(events[3]).toEqual({ type: 'beams-selected', depth: 0, width: 2, kept: [1, 0], pruned: [] });
    expect(events[4]).toEqual({ type: 'depth-started', depth: 1, parents: [0, 1], width: 2 });
    expect(events[7]).toEqual({ type: 'beams-selected', depth: 1, width: 2, kept: [4, 2], pruned: [5] });
    expect(events[9]).toMatchObject({ type: 'candidates-generated', depth: 2, nodes: [{ id: 6, score: null }, { id: 7 }, { id: 8 }, { id: 9 }] });
    expect(events[10]).toEqual({
      type: 'candidates-scored',
      depth: 2,
      scores: [
        { id: 6, score: 0.9 },
        { id: 7, score: 0.2 },
        { id: 8, score: 0.6 },
        { id: 9, score: 0.7 },
      ],
    });
    expect(JSON.parse(JSON.stringify(events))).toEqual(events); // plain data
  });
});

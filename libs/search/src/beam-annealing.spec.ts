import { describe, expect, it } from 'vitest';
import { runSearch } from './run-search';
import { prmSeed } from './seeds';
import { fakeClock, problem, tree } from './testing/expected-tree';
import { ScriptedPolicy } from './testing/scripted-policy';
import { ScriptedPrm } from './testing/scripted-prm';

describe('prm-bas, linear schedule', () => {
  const table = {
    '': ['a', 'b', 'c', 'd'],
    a: ['a1', 'a2'],
    b: ['b1', 'ans:7'],
    d: ['d1', 'd2'],
    'b/b1': ['b11', 'ans:7'],
    'd/d1': ['ans:8', 'd11'],
    'b/b1/b11!': ['ans:7', 'ans:9'],
    'd/d1/d11!': ['ans:8', 'ans:7'],
  };
  const scores = {
    a: 0.5,
    b: 0.8,
    c: 0.3,
    d: 0.6,
    'a/a1': 0.4,
    'a/a2': 0.45,
    'b/b1': 0.7,
    'b/ans:7': 0.65,
    'd/d1': 0.75,
    'd/d2': 0.2,
    'b/b1/b11': 0.6,
    'b/b1/ans:7': 0.85,
    'd/d1/ans:8': 0.9,
    'd/d1/d11': 0.5,
    'b/b1/b11/ans:7': 0.8,
    'b/b1/b11/ans:9': 0.55,
    'd/d1/d11/ans:8': 0.35,
    'd/d1/d11/ans:7': 0.4,
  };
  const config = { strategy: 'prm-bas', seed: 2, k: 2, maxDepth: 4, schedule: { kind: 'linear', b0: 4, delta: 1, bMin: 2 } } as const;

  it('anneals 4 -> 3 -> 2 -> 2, scores each depth in one batch, finalizes at maxDepth', async () => {
    const policy = new ScriptedPolicy({ table, tokens: true });
    const prm = new ScriptedPrm(scores);
    const result = await runSearch(config, { policy, prm, problem, clock: fakeClock(1000, 1250) });

    // d0: a .5 b .8 c .3 d .6; b_1 = max(2, 4-1) = 3 keeps b, d, a; c pruned.
    // d1 (parents a, b, d): pool {ans:7}; live a1 .4 a2 .45 b1 .7 d1 .75 d2 .2; b_2 = 2 keeps d1, b1.
    // d2 (parents b1, d1): pool += ans:7 .85, ans:8 .9 (3 < finishedTarget 4); live b11 .6 d11 .5; b_3 = max(2, 1) = 2.
    // d3 = maxDepth-1: finalize; every candidate is terminal.
    expect(result.tree).toEqual(
      tree([
        [0, null, 0, 'a', 0.5, 'expanded'],
        [1, null, 0, 'b', 0.8, 'expanded'],
        [2, null, 0, 'c', 0.3, 'pruned'],
        [3, null, 0, 'd', 0.6, 'expanded'],
        [4, 0, 1, 'a1', 0.4, 'pruned'],
        [5, 0, 1, 'a2', 0.45, 'pruned'],
        [6, 1, 1, 'b1', 0.7, 'expanded'],
        [7, 1, 1, 'ans:7', 0.65, 'finished'],
        [8, 3, 1, 'd1', 0.75, 'expanded'],
        [9, 3, 1, 'd2', 0.2, 'pruned'],
        [10, 6, 2, 'b11', 0.6, 'expanded'],
        [11, 6, 2, 'ans:7', 0.85, 'finished'],
        [12, 8, 2, 'ans:8', 0.9, 'finished'],
        [13, 8, 2, 'd11', 0.5, 'expanded'],
        [14, 10, 3, 'ans:7', 0.8, 'finished'],
        [15, 10, 3, 'ans:9', 0.55, 'finished'],
        [16, 13, 3, 'ans:8', 0.35, 'finished'],
        [17, 13, 3, 'ans:7', 0.4, 'finished'],
      ]),
    );
    expect(result).toMatchObject({
      strategy: 'prm-bas',
      answer: '8',
      answerNode: 12,
      solution: ['d', 'd1', 'ans:8'],
      beamWidths: [4, 3, 2, 2],
    });
    expect(result.cost).toEqual({
      policyCalls: 1 + 3 + 2 + 2,
      generatedSteps: 4 + 6 + 4 + 4,
      tokens: 4 + (2 + 2 + 2 + 5 + 2 + 2) + (3 + 5 + 5 + 3) + 4 * 5,
      prmScoredSteps: 18,
      prmBatches: 4,
      scorer: { policyCalls: 0, generatedSteps: 0, tokens: 0 },
      wallMs: 250,
    });
    expect(policy.calls.map((c) => [c.steps.join('/'), c.n, c.finalize])).toEqual([
      ['', 4, false],
      ['a', 2, false],
      ['b', 2, false],
      ['d', 2, false],
      ['b/b1', 2, false],
      ['d/d1', 2, false],
      ['b/b1/b11', 2, true],
      ['d/d1/d11', 2, true],
    ]);
    expect(prm.batches.map((b) => b.length)).toEqual([4, 6, 4, 4]);
    expect(prm.seeds).toEqual([0, 1, 2, 3].map((d) => prmSeed(2, d)));
  });

  it('min aggregation prefers the path whose weakest step is best', async () => {
    // min over paths: 7 -> .65, 11 -> .7, 12 -> .6, 14 -> .6, 15 -> .55, 16 -> .35, 17 -> .4
    const result = await runSearch({ ...config, aggregation: 'min' }, { policy: new ScriptedPolicy({ table }), prm: new ScriptedPrm(scores), problem });
    expect([result.answer, result.answerNode]).toEqual(['7', 11]);
  });

  it('PRM-weighted vote sums the finished scores per answer', async () => {
    // 7: .65 + .85 + .8 + .4 = 2.7;  8: .9 + .35 = 1.25;  9: .55.  Best voter for 7: node 11 (.85).
    const result = await runSearch({ ...config, select: 'weighted-vote' }, { policy: new ScriptedPolicy({ table }), prm: new ScriptedPrm(scores), problem });
    expect([result.answer, result.answerNode]).toEqual(['7', 11]);
  });

  it('stops as soon as the finished pool holds finishedTarget answers', async () => {
    // After d2 the pool holds 3 answers (7, 11, 12).
    const result = await runSearch({ ...config, finishedTarget: 3 }, { policy: new ScriptedPolicy({ table }), prm: new ScriptedPrm(scores), problem });
    expect(result.beamWidths).toEqual([4, 3, 2]);
    expect(result.tree.map((n) => n.status).slice(10)).toEqual(['kept', 'finished', 'finished', 'kept']);
    expect(result.answerNode).toBe(12);
  });
});

describe('prm-bas, exponential schedule', () => {
  it('halves the beam: 4 -> 2 -> 1', async () => {
    const policy = new ScriptedPolicy({
      table: { '': ['a', 'b', 'c', 'd'], b: ['b1', 'b2'], d: ['d1', 'ans:4'], 'd/d1!': ['ans:6', 'ans:4'] },
    });
    const prm = new ScriptedPrm({
      a: 0.5,
      b: 0.8,
      c: 0.3,
      d: 0.6,
      'b/b1': 0.7,
      'b/b2': 0.4,
      'd/d1': 0.75,
      'd/ans:4': 0.5,
      'd/d1/ans:6': 0.9,
      'd/d1/ans:4': 0.85,
    });
    const result = await runSearch(
      { strategy: 'prm-bas', k: 2, maxDepth: 3, finishedTarget: 10, schedule: { kind: 'exponential', b0: 4, gamma: 0.5, bMin: 1 } },
      { policy, prm, problem },
    );
    // b_1 = floor(4 * .5) = 2 keeps b, d; b_2 = floor(4 * .25) = 1 keeps d1.
    expect(result.tree).toEqual(
      tree([
        [0, null, 0, 'a', 0.5, 'pruned'],
        [1, null, 0, 'b', 0.8, 'expanded'],
        [2, null, 0, 'c', 0.3, 'pruned'],
        [3, null, 0, 'd', 0.6, 'expanded'],
        [4, 1, 1, 'b1', 0.7, 'pruned'],
        [5, 1, 1, 'b2', 0.4, 'pruned'],
        [6, 3, 1, 'd1', 0.75, 'expanded'],
        [7, 3, 1, 'ans:4', 0.5, 'finished'],
        [8, 6, 2, 'ans:6', 0.9, 'finished'],
        [9, 6, 2, 'ans:4', 0.85, 'finished'],
      ]),
    );
    expect(result).toMatchObject({ answer: '6', answerNode: 8, beamWidths: [4, 2, 1] });
    expect(result.cost).toMatchObject({ policyCalls: 4, generatedSteps: 10, prmScoredSteps: 10, prmBatches: 3 });
  });
});

describe('prm-bas, adaptive schedule', () => {
  it('keeps the width while the PRM is unsure and shrinks once the top-b spread exceeds the threshold', async () => {
    const policy = new ScriptedPolicy({
      table: {
        '': ['a', 'b', 'c'],
        a: ['a1', 'a2'],
        b: ['b1', 'ans:1'],
        c: ['c1', 'c2'],
        'a/a1!': ['ans:2', 'ans:1'],
        'c/c1!': ['ans:2', 'ans:3'],
      },
    });
    const prm = new ScriptedPrm({
      a: 0.5,
      b: 0.6,
      c: 0.55,
      'a/a1': 0.9,
      'a/a2': 0.2,
      'b/b1': 0.3,
      'b/ans:1': 0.7,
      'c/c1': 0.8,
      'c/c2': 0.1,
      'a/a1/ans:2': 0.95,
      'a/a1/ans:1': 0.5,
      'c/c1/ans:2': 0.6,
      'c/c1/ans:3': 0.85,
    });
    const result = await runSearch(
      {
        strategy: 'prm-bas',
        k: 2,
        maxDepth: 3,
        finishedTarget: 10,
        schedule: { kind: 'adaptive', b0: 3, delta: 1, bMin: 1, threshold: 0.3, measure: 'spread' },
      },
      { policy, prm, problem },
    );
    // d0 live top-3 {.6, .55, .5}: spread .1 <= .3 -> b_1 = 3 (all kept).
    // d1 live {a1 .9, c1 .8, b1 .3, a2 .2, c2 .1}: top-3 spread .9 - .3 = .6 > .3 -> b_2 = 2 keeps a1, c1.
    expect(result.tree).toEqual(
      tree([
        [0, null, 0, 'a', 0.5, 'expanded'],
        [1, null, 0, 'b', 0.6, 'expanded'],
        [2, null, 0, 'c', 0.55, 'expanded'],
        [3, 0, 1, 'a1', 0.9, 'expanded'],
        [4, 0, 1, 'a2', 0.2, 'pruned'],
        [5, 1, 1, 'b1', 0.3, 'pruned'],
        [6, 1, 1, 'ans:1', 0.7, 'finished'],
        [7, 2, 1, 'c1', 0.8, 'expanded'],
        [8, 2, 1, 'c2', 0.1, 'pruned'],
        [9, 3, 2, 'ans:2', 0.95, 'finished'],
        [10, 3, 2, 'ans:1', 0.5, 'finished'],
        [11, 7, 2, 'ans:2', 0.6, 'finished'],
        [12, 7, 2, 'ans:3', 0.85, 'finished'],
      ]),
    );
    expect(result).toMatchObject({ answer: '2', answerNode: 9, solution: ['a', 'a1', 'ans:2'], beamWidths: [3, 3, 2] });
    expect(result.cost).toMatchObject({ policyCalls: 6, generatedSteps: 13, prmScoredSteps: 13, prmBatches: 3 });
  });

  it('selects one beam per distinct state unless dedupe is off', async () => {
    // The root repeats its likeliest step: candidates a, a, c (scores a .9, a .9, c .5).
    const dupTable = { '': ['a', 'a', 'c'], a: ['ans:1', 'ans:1'], c: ['ans:2', 'ans:2'] };
    const dupScores = { a: 0.9, c: 0.5, 'a/ans:1': 0.2, 'c/ans:2': 0.8 };
    const config = { strategy: 'prm-bas', k: 1, finishedTarget: 9, schedule: { kind: 'linear', b0: 3, delta: 1, bMin: 2 } } as const;

    // b0 = 3 first steps, b1 = 2. dedupe (default): select 2 of {a#0 .9, a#1 .9, c#2 .5} skipping the copy: a#0 and c#2; a#1 pruned.
    // d1: a#0 -> ans:1 .2, c#2 -> ans:2 .8; best finished = ans:2.
    const deduped = await runSearch(config, {
      policy: new ScriptedPolicy({ table: dupTable }),
      prm: new ScriptedPrm(dupScores),
      problem,
      clock: fakeClock(0, 1),
    });
    expect(deduped.tree).toEqual(
      tree([
        [0, null, 0, 'a', 0.9, 'expanded'],
        [1, null, 0, 'a', 0.9, 'pruned'],
        [2, null, 0, 'c', 0.5, 'expanded'],
        [3, 0, 1, 'ans:1', 0.2, 'finished'],
        [4, 2, 1, 'ans:2', 0.8, 'finished'],
      ]),
    );
    expect(deduped.answer).toBe('2');

    // dedupe off: both copies of a are kept, c is pruned, and only the wrong answer is reachable.
    const plain = await runSearch(
      { ...config, dedupe: false },
      { policy: new ScriptedPolicy({ table: dupTable }), prm: new ScriptedPrm(dupScores), problem, clock: fakeClock(0, 1) },
    );
    expect(plain.tree.map((n) => [n.id, n.parent, n.status])).toEqual([
      [0, null, 'expanded'],
      [1, null, 'expanded'],
      [2, null, 'pruned'],
      [3, 0, 'finished'],
      [4, 1, 'finished'],
    ]);
    expect(plain.answer).toBe('1');
  });
});

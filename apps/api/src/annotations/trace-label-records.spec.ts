import { describe, expect, it } from 'vitest';
import { pathTo, traceLabelRecords, treeNodes, type LabelledTrace } from './trace-label-records';

const tree = [
  { id: 0, parent: null, text: 'a', terminal: false, score: 0.9 },
  { id: 1, parent: 0, text: 'b', terminal: false },
  { id: 2, parent: 1, text: 'Answer: 4', terminal: true, answer: '4' },
  { id: 3, parent: 0, text: 'c', terminal: false },
  { id: 4, parent: 3, text: 'd', terminal: false },
  { bogus: true },
];

const labelled = (labels: LabelledTrace['labels'], answerCorrect: boolean | null = null): LabelledTrace => ({
  itemId: 'item',
  queueId: 'queue',
  answerCorrect,
  trace: { id: 't1', deploymentId: 'd1', questionText: 'q?', goldAnswer: '4', answerNode: 2, tree },
  image: null,
  labels,
});
const label = (nodeId: number, value: 'correct' | 'incorrect' | 'neutral', authorId = 'u1') => ({ nodeId, label: value, comment: null, authorId });

describe('trace labels as dataset records', () => {
  it('reads the usable nodes of a stored tree and the path to a node', () => {
    const nodes = treeNodes(tree);
    expect([...nodes.keys()]).toEqual([0, 1, 2, 3, 4]);
    expect(pathTo(nodes, 2)).toEqual([0, 1, 2]);
    expect(pathTo(nodes, 9)).toEqual([]);
    expect(pathTo(new Map([[0, { id: 0, parent: 1, text: 'x' }], [1, { id: 1, parent: 0, text: 'y' }]]), 0)).toEqual([]);
    expect(treeNodes('not a tree').size).toBe(0);
  });

  it('makes one record per labelled path, cut before the first unlabelled step, valued by the labels', () => {
    const result = traceLabelRecords(labelled([label(0, 'correct'), label(1, 'correct'), label(2, 'correct'), label(0, 'incorrect', 'u2'), label(4, 'neutral')], true));
    if ('skipped' in result) throw new Error(result.skipped);
    expect(result.question).toMatchObject({ externalId: 'trace-t1', answer: '4', answerType: 'text', image: null });
    // Path 0-1-2 whole; path 0-3-4 cut before 3 (unlabelled) is just [0], the start of 0-1-2: dropped.
    expect(result.solutions.map((s) => s.steps.map((st) => [st.text, st.value]))).toEqual([
      [
        ['a', 0.5],
        ['b', 1],
        ['Answer: 4', 1],
      ],
    ]);
    expect(result.solutions[0]).toMatchObject({ solutionIndex: 0, finalAnswer: '4', correct: true, meta: { nodeIds: [0, 1, 2] } });
    expect(result.solutions[0]!.steps[2]).toMatchObject({ terminal: true, answer: '4', rollouts: 0, correct: 1 });
    expect(result.solutions[0]!.labels!.get(0)).toHaveLength(2);
    // Two branches labelled to their ends: two records sharing their first step.
    const both = traceLabelRecords(labelled([label(0, 'correct'), label(1, 'incorrect'), label(3, 'correct'), label(4, 'neutral')]));
    if ('skipped' in both) throw new Error(both.skipped);
    expect(both.solutions.map((s) => [s.meta['nodeIds'], s.finalAnswer, s.correct])).toEqual([
      [[0, 1], null, false],
      [[0, 3, 4], null, false],
    ]);
  });

  it('says why a labelled trace gives no record', () => {
    expect(traceLabelRecords(labelled([label(42, 'correct')]))).toEqual({ skipped: 'no label is on a node of the trace tree' });
    expect(traceLabelRecords(labelled([label(1, 'correct')]))).toEqual({ skipped: 'no labelled path starts at the root (label the first steps too)' });
  });
});

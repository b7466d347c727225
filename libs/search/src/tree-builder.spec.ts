import { describe, expect, it } from 'vitest';
import { TreeBuilder } from './tree-builder';

describe('TreeBuilder', () => {
  it('assigns ids in insertion order and walks paths from the first step', () => {
    const tree = new TreeBuilder();
    tree.add(null, 0, { text: 'a', terminal: false }, 2);
    tree.add(0, 1, { text: 'b', terminal: false });
    tree.add(1, 2, { text: 'ans:3', terminal: true, answer: '3' });
    expect(tree.steps(2)).toEqual(['a', 'b', 'ans:3']);
    expect(tree.steps(null)).toEqual([]);
    expect(tree.path(1).map((n) => n.id)).toEqual([0, 1]);
    expect(tree.snapshot()).toEqual([
      { id: 0, parent: null, depth: 0, text: 'a', terminal: false, score: null, status: 'kept', chain: 2 },
      { id: 1, parent: 0, depth: 1, text: 'b', terminal: false, score: null, status: 'kept' },
      { id: 2, parent: 1, depth: 2, text: 'ans:3', terminal: true, answer: '3', score: null, status: 'finished' },
    ]);
    expect(Object.keys(tree.snapshot()[1]!)).not.toContain('answer');
  });

  it('hands out copies', () => {
    const tree = new TreeBuilder();
    tree.add(null, 0, { text: 'a', terminal: false });
    const copy = tree.snapshot();
    copy[0]!.status = 'pruned';
    tree.setScore(0, 0.5);
    expect(tree.get(0)).toMatchObject({ status: 'kept', score: 0.5 });
    expect(() => tree.get(7)).toThrow('no node 7');
  });
});

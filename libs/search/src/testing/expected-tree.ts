/** Compact expected trees for tests: [id, parent, depth, text, score, status, chain?]. */
import type { NodeStatus, Problem, TreeNode } from '../types';
import { parseStep } from './scripted-policy';

export type Row = [id: number, parent: number | null, depth: number, text: string, score: number | null, status: NodeStatus, chain?: number];

export function tree(rows: readonly Row[]): TreeNode[] {
  return rows.map(([id, parent, depth, text, score, status, chain]) => {
    const step = parseStep(text);
    const node: TreeNode = { id, parent, depth, text, terminal: step.terminal, score, status };
    if (step.answer !== undefined) node.answer = step.answer;
    if (chain !== undefined) node.chain = chain;
    return node;
  });
}

export const problem: Problem = { id: 'p1', text: 'What is 2 + 3?', images: [], answerType: 'number' };

/** A clock that returns the given times in turn (start, end). */
export function fakeClock(...times: number[]): () => number {
  let i = 0;
  return () => times[Math.min(i++, times.length - 1)] as number;
}

/**
 * Human labels on a served trace's search tree → dataset records (PRM800K-style: a label per step of
 * a path). For each labelled node with no labelled descendant, the path root → that node is one
 * solution, cut before its first unlabelled node (an unlabelled step has no value to train on).
 * Paths that end up as the start of another are dropped. A step's value is the mean of its labels (correct 1, neutral 0.5, incorrect 0), with no rollouts
 * behind it, as TRL imports are. The labels themselves travel with the steps as StepLabels.
 */
import type { StepLabelValue } from '@prmbas/db';
import type { DatasetStep } from '@prmbas/rollouts';
import type { PreparedLabel, PreparedQuestion, PreparedSolution } from '../datasets/dataset-writer.repository';

export const LABEL_VALUES: Record<StepLabelValue, number> = { correct: 1, neutral: 0.5, incorrect: 0 };

export interface TraceNodeLike {
  id: number;
  parent: number | null;
  text: string;
  terminal?: boolean;
  answer?: string;
  /** The PRM score the search gave the step (null without a PRM). */
  score?: number | null;
}

export interface LabelledTrace {
  itemId: string;
  queueId: string;
  answerCorrect: boolean | null;
  trace: { id: string; deploymentId: string; questionText: string; goldAnswer: string | null; answerNode: number | null; tree: unknown };
  image: { blobId: string; source: string | null } | null;
  labels: readonly { nodeId: number; label: StepLabelValue; comment: string | null; authorId: string | null }[];
}

export type TraceRecords = { question: PreparedQuestion; solutions: PreparedSolution[] } | { skipped: string };

/** The nodes of a stored tree that have the fields a record needs (others are ignored). */
export function treeNodes(tree: unknown): Map<number, TraceNodeLike> {
  const nodes = new Map<number, TraceNodeLike>();
  if (!Array.isArray(tree)) return nodes;
  for (const raw of tree) {
    const n = raw as Partial<TraceNodeLike> | null;
    if (n && Number.isInteger(n.id) && typeof n.text === 'string' && (n.parent === null || Number.isInteger(n.parent))) nodes.set(n.id!, n as TraceNodeLike);
  }
  return nodes;
}

/** Node ids from the root to `nodeId` (empty when the chain is broken or cyclic). */
export function pathTo(nodes: ReadonlyMap<number, TraceNodeLike>, nodeId: number): number[] {
  const path: number[] = [];
  const seen = new Set<number>();
  for (let id: number | null = nodeId; id !== null; id = nodes.get(id)?.parent ?? null) {
    if (!nodes.has(id) || seen.has(id)) return [];
    seen.add(id);
    path.unshift(id);
  }
  return path;
}

export function traceLabelRecords(input: LabelledTrace): TraceRecords {
  const nodes = treeNodes(input.trace.tree);
  const byNode = new Map<number, PreparedLabel[]>();
  for (const l of input.labels) {
    if (!nodes.has(l.nodeId)) continue;
    byNode.set(l.nodeId, [...(byNode.get(l.nodeId) ?? []), { label: l.label, comment: l.comment, authorId: l.authorId }]);
  }
  if (byNode.size === 0) return { skipped: 'no label is on a node of the trace tree' };

  // Labelled nodes below which nothing is labelled: the ends of the labelled paths.
  const hasLabelledDescendant = new Set<number>();
  for (const id of byNode.keys()) for (const ancestor of pathTo(nodes, id).slice(0, -1)) hasLabelledDescendant.add(ancestor);
  const ends = [...byNode.keys()].filter((id) => !hasLabelledDescendant.has(id)).sort((a, b) => a - b);

  const questionId = `trace-${input.trace.id}`;
  const cut = ends.map((end) => {
    const full = pathTo(nodes, end);
    const firstGap = full.findIndex((id) => !byNode.has(id));
    return firstGap === -1 ? full : full.slice(0, firstGap);
  });
  // A cut path that is the start of another path adds nothing but a repeat of its steps.
  const isPrefixOf = (a: number[], b: number[]) => a.length < b.length && a.every((id, i) => b[i] === id);
  const paths = cut.filter((path, i) => path.length > 0 && !cut.some((other) => isPrefixOf(path, other)) && cut.findIndex((o) => o.join('/') === path.join('/')) === i);

  const solutions: PreparedSolution[] = [];
  for (const path of paths) {
    const labels = new Map<number, PreparedLabel[]>();
    const steps: DatasetStep[] = path.map((id, position) => {
      const node = nodes.get(id)!;
      const list = byNode.get(id)!;
      labels.set(position, list);
      const value = list.reduce((sum, l) => sum + LABEL_VALUES[l.label], 0) / list.length;
      const terminal = node.terminal === true;
      return { text: node.text, value, rollouts: 0, correct: value === 1 ? 1 : 0, terminal, ...(terminal && typeof node.answer === 'string' ? { answer: node.answer } : {}) };
    });
    const last = nodes.get(path.at(-1)!)!;
    const lastStep = steps.at(-1)!;
    const endsAtAnswer = path.at(-1) === input.trace.answerNode;
    solutions.push({
      questionId,
      solutionIndex: solutions.length,
      finalAnswer: last.terminal && typeof last.answer === 'string' ? last.answer : null,
      // The reviewer's verdict on the answer when this path is the answer's; else the last label of a finished path.
      correct: endsAtAnswer && input.answerCorrect !== null ? input.answerCorrect : last.terminal === true && lastStep.value === 1,
      meta: { source: 'annotations', queueId: input.queueId, itemId: input.itemId, traceId: input.trace.id, deploymentId: input.trace.deploymentId, nodeIds: path },
      steps,
      labels,
    });
  }
  if (solutions.length === 0) return { skipped: 'no labelled path starts at the root (label the first steps too)' };
  return {
    question: {
      externalId: questionId,
      text: input.trace.questionText,
      answer: input.trace.goldAnswer ?? '',
      // A served question carries no answer type; text is the one every answer fits.
      answerType: 'text',
      choices: [],
      image: input.image ? { kind: 'stored', blobId: input.image.blobId, source: input.image.source } : null,
      meta: { source: 'trace', traceId: input.trace.id, deploymentId: input.trace.deploymentId },
    },
    solutions,
  };
}

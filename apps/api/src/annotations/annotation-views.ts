/** Rows → the annotation shapes of @prmbas/contracts. */
import type { TAnnotationItem, TAnnotationLabel, TAnnotationProgress, TAnnotationQueue, TAnnotationTraceNode } from '@prmbas/contracts';
import { stepValueFields, toQuestionImages } from '../datasets/dataset-views';
import type { ItemRow } from './annotation-items.include';
import type { QueueRow } from './annotation-queues.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Where the API serves a trace item's image (annotations.controller.ts). */
export function traceItemImageUrl(itemId: string, position: number): string {
  return `/annotations/items/${itemId}/images/${position}`;
}

export function toQueueView(row: QueueRow, progress: TAnnotationProgress): TAnnotationQueue {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    lockTtlSeconds: row.lockTtlSeconds,
    filter: row.filter && typeof row.filter === 'object' && !Array.isArray(row.filter) ? (row.filter as Record<string, unknown>) : null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    progress,
  };
}

/** `now` decides whether the lock is still live (an expired one is shown as none). */
export function toItemView(row: ItemRow, now: Date): TAnnotationItem {
  const live = row.status === 'in_progress' && row.lockExpiresAt !== null && row.lockExpiresAt > now;
  const suggestion = (row.suggestion ?? {}) as { nodes?: { nodeId: number; score: number | null }[] };
  const step = row.datasetStep;
  const trace = row.trace;
  let labels: TAnnotationLabel[];
  if (step) {
    labels = step.labels.map((l) => ({ nodeId: null, label: l.label, comment: l.comment, author: l.author, updatedAt: l.updatedAt.toISOString() }));
  } else {
    labels = row.labels.map((l) => ({ nodeId: l.nodeId, label: l.label, comment: l.comment, author: l.author, updatedAt: l.updatedAt.toISOString() }));
  }
  return {
    id: row.id,
    queueId: row.queueId,
    kind: step ? 'step' : 'trace',
    status: row.status,
    priority: row.priority,
    suggestedScore: row.suggestedScore,
    nodeSuggestions: Array.isArray(suggestion.nodes) ? suggestion.nodes : [],
    lock: live ? { holder: row.lockedBy, expiresAt: row.lockExpiresAt!.toISOString() } : null,
    completedBy: row.completedBy,
    completedAt: iso(row.completedAt),
    answerCorrect: row.answerCorrect,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    step: step
      ? {
          ...stepValueFields(step),
          datasetId: step.solution.datasetVersion.datasetId,
          datasetVersionId: step.solution.datasetVersion.id,
          solutionId: step.solutionId,
          solutionIndex: step.solution.solutionIndex,
          previousSteps: step.solution.steps.filter((s) => s.position < step.position).map((s) => s.text),
          question: {
            id: step.solution.question.id,
            externalId: step.solution.question.externalId,
            text: step.solution.question.text,
            answer: step.solution.question.answer,
            answerType: step.solution.question.answerType,
            choices: step.solution.question.choices,
            images: toQuestionImages(step.solution.question.id, step.solution.question.images),
          },
        }
      : null,
    trace: trace
      ? {
          id: trace.id,
          deploymentId: trace.deploymentId,
          questionText: trace.questionText,
          strategy: trace.strategy,
          answer: trace.answer,
          answerNode: trace.answerNode,
          goldAnswer: trace.goldAnswer,
          correct: trace.correct,
          solution: trace.solution,
          tree: (Array.isArray(trace.tree) ? trace.tree : []) as TAnnotationTraceNode[],
          images: trace.images.map((image) => ({ position: image.position, url: traceItemImageUrl(row.id, image.position), contentType: image.blob.contentType, byteSize: image.blob.byteSize })),
          createdAt: trace.createdAt.toISOString(),
        }
      : null,
    labels,
  };
}

/**
 * One item of a queue as an annotator sees it (the step or trace with its context and the
 * suggested score), and the calls that move it: next (lock), submit, skip, release.
 */
import { z } from 'zod';
import { ZDateTime, ZId } from '../common/schemas';
import { ZQuestionImage, ZStepLabelValue } from '../datasets/dataset-browse.schemas';
import { ZDatasetVersion, ZUserRef } from '../datasets/dataset.schemas';

export const ANNOTATION_ITEM_STATUSES = ['pending', 'in_progress', 'done', 'skipped'] as const;
export const ZAnnotationItemStatus = z.enum(ANNOTATION_ITEM_STATUSES, { error: `must be one of ${ANNOTATION_ITEM_STATUSES.join(', ')}` });
export type TAnnotationItemStatus = z.infer<typeof ZAnnotationItemStatus>;

/** A dataset step under review, with what an annotator needs to judge it. */
export const ZAnnotationStepTarget = z.object({
  id: ZId,
  datasetId: ZId,
  datasetVersionId: ZId,
  solutionId: ZId,
  solutionIndex: z.number().int(),
  position: z.number().int(),
  siblingIndex: z.number().int(),
  text: z.string(),
  value: z.number(),
  rollouts: z.number().int(),
  correctRollouts: z.number().int(),
  terminal: z.boolean(),
  answer: z.string().nullable(),
  /** The solution's own steps before this one (the state it was taken from). */
  previousSteps: z.array(z.string()),
  question: z.object({
    id: ZId,
    externalId: z.string(),
    text: z.string(),
    answer: z.string(),
    answerType: z.enum(['number', 'choice', 'text']),
    choices: z.array(z.string()),
    images: z.array(ZQuestionImage),
  }),
});
export type TAnnotationStepTarget = z.infer<typeof ZAnnotationStepTarget>;

/** A node of a stored search tree (`TreeNode` of @prmbas/search); unknown fields pass through. */
export const ZAnnotationTraceNode = z.looseObject({
  id: z.number().int(),
  parent: z.number().int().nullable(),
  depth: z.number().int().optional(),
  text: z.string(),
  terminal: z.boolean().optional(),
  answer: z.string().optional(),
  score: z.number().nullable().optional(),
  status: z.string().optional(),
});
export type TAnnotationTraceNode = z.infer<typeof ZAnnotationTraceNode>;

export const ZAnnotationTraceImage = z.object({ position: z.number().int(), url: z.string(), contentType: z.string(), byteSize: z.number().int() });

/** A served trace under review: the whole tree; labels go on its nodes. */
export const ZAnnotationTraceTarget = z.object({
  id: ZId,
  deploymentId: ZId,
  questionText: z.string(),
  strategy: z.string(),
  answer: z.string().nullable(),
  answerNode: z.number().int().nullable(),
  goldAnswer: z.string().nullable(),
  correct: z.boolean().nullable(),
  solution: z.array(z.string()),
  tree: z.array(ZAnnotationTraceNode),
  images: z.array(ZAnnotationTraceImage),
  createdAt: ZDateTime,
});
export type TAnnotationTraceTarget = z.infer<typeof ZAnnotationTraceTarget>;

/** A label on the item: on the step (nodeId null) or on one node of the trace. */
export const ZAnnotationLabel = z.object({
  nodeId: z.number().int().nullable(),
  label: ZStepLabelValue,
  comment: z.string().nullable(),
  author: ZUserRef,
  updatedAt: ZDateTime,
});
export type TAnnotationLabel = z.infer<typeof ZAnnotationLabel>;

export const ZAnnotationItem = z
  .object({
    id: ZId,
    queueId: ZId,
    kind: z.enum(['step', 'trace']),
    status: ZAnnotationItemStatus,
    priority: z.number().int(),
    /** The score suggested to the annotator, stored when the item was queued (step: MC value; trace: PRM score of its answer node). */
    suggestedScore: z.number().nullable(),
    /** Trace items: the PRM score of each node of the chosen solution, as stored when queued. */
    nodeSuggestions: z.array(z.object({ nodeId: z.number().int(), score: z.number().nullable() })),
    /** The live lock, if any (an expired lock is shown as none: anyone may take the item). */
    lock: z.object({ holder: ZUserRef, expiresAt: ZDateTime }).nullable(),
    completedBy: ZUserRef,
    completedAt: ZDateTime.nullable(),
    answerCorrect: z.boolean().nullable(),
    note: z.string().nullable(),
    createdAt: ZDateTime,
    updatedAt: ZDateTime,
    step: ZAnnotationStepTarget.nullable(),
    trace: ZAnnotationTraceTarget.nullable(),
    labels: z.array(ZAnnotationLabel),
  })
  .meta({ id: 'AnnotationItem' });
export type TAnnotationItem = z.infer<typeof ZAnnotationItem>;

export const ZGetAnnotationItemRequest = z.strictObject({ id: ZId });
export type TGetAnnotationItemRequest = z.infer<typeof ZGetAnnotationItemRequest>;
export const ZGetAnnotationItemResponse = ZAnnotationItem;

export const ZFindAnnotationItemsRequest = z.strictObject({
  queueId: ZId,
  status: ZAnnotationItemStatus.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: ZId.optional(),
});
export type TFindAnnotationItemsRequest = z.infer<typeof ZFindAnnotationItemsRequest>;
export const ZFindAnnotationItemsResponse = z.object({ items: z.array(ZAnnotationItem), nextCursor: ZId.nullable() });
export type TFindAnnotationItemsResponse = z.infer<typeof ZFindAnnotationItemsResponse>;

/**
 * The caller's next item, locked to them for the queue's TTL: the item they already hold (lock
 * renewed), else the highest-priority pending item (or one whose lock expired), else a skipped
 * one. Null when nothing is left.
 */
export const ZNextAnnotationItemRequest = z.strictObject({ queueId: ZId });
export type TNextAnnotationItemRequest = z.infer<typeof ZNextAnnotationItemRequest>;
export const ZNextAnnotationItemResponse = z.object({ item: ZAnnotationItem.nullable() });
export type TNextAnnotationItemResponse = z.infer<typeof ZNextAnnotationItemResponse>;

export const ZLabelInput = z.strictObject({
  /** Trace items: the tree node labelled. Step items: leave out. */
  nodeId: z.number().int().min(0).optional(),
  label: ZStepLabelValue,
  comment: z.string().trim().max(2000).optional(),
});
export type TLabelInput = z.infer<typeof ZLabelInput>;

/**
 * Labels for the item the caller holds. A step item takes exactly one label (it becomes the
 * caller's `StepLabel` on that dataset step); a trace item one label per node. `finish: false`
 * saves the labels and keeps (renews) the lock; true (default) marks the item done.
 */
export const ZSubmitAnnotationRequest = z.strictObject({
  itemId: ZId,
  labels: z.array(ZLabelInput).min(1, { error: 'must hold at least one label' }).max(500),
  /** Trace items: the reviewer's verdict on the final answer. */
  answerCorrect: z.boolean().optional(),
  note: z.string().trim().max(4000).optional(),
  finish: z.boolean().default(true),
});
export type TSubmitAnnotationRequest = z.infer<typeof ZSubmitAnnotationRequest>;
export const ZSubmitAnnotationResponse = ZAnnotationItem;

/** Skip: the item goes to the back of the queue (served again once nothing pending is left). */
export const ZSkipAnnotationItemRequest = z.strictObject({ itemId: ZId });
export type TSkipAnnotationItemRequest = z.infer<typeof ZSkipAnnotationItemRequest>;
export const ZSkipAnnotationItemResponse = ZAnnotationItem;

/** Release: give the lock back; the item is pending again for anyone. */
export const ZReleaseAnnotationItemRequest = z.strictObject({ itemId: ZId });
export type TReleaseAnnotationItemRequest = z.infer<typeof ZReleaseAnnotationItemRequest>;
export const ZReleaseAnnotationItemResponse = ZAnnotationItem;

/**
 * The labelled trace items of a queue as a new (ready, unfrozen) version of `datasetId`: one record
 * per labelled path of each trace (root → a labelled node with no labelled descendant, cut before
 * the first unlabelled node); step values from the labels (correct 1, neutral 0.5, incorrect 0).
 */
export const ZExportAnnotationsRequest = z.strictObject({
  queueId: ZId,
  datasetId: ZId,
  parentVersionId: ZId.optional(),
});
export type TExportAnnotationsRequest = z.infer<typeof ZExportAnnotationsRequest>;
export const ZExportAnnotationsResponse = z.object({
  version: ZDatasetVersion,
  records: z.number().int(),
  /** Items with labels that gave no record, and why. */
  skipped: z.array(z.object({ itemId: ZId, reason: z.string() })),
});
export type TExportAnnotationsResponse = z.infer<typeof ZExportAnnotationsResponse>;

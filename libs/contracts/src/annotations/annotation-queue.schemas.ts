/**
 * Annotation queues: steps of a dataset version (e.g. the uncertain ones) or served traces, put in
 * front of annotators one item at a time, each locked to whoever fetched it.
 */
import { z } from 'zod';
import { ZDateTime, ZId } from '../common/schemas';
import { ZUserRef } from '../datasets/dataset.schemas';

export const ANNOTATION_QUEUE_KINDS = ['steps', 'traces'] as const;
export const ZAnnotationQueueKind = z.enum(ANNOTATION_QUEUE_KINDS);
export type TAnnotationQueueKind = z.infer<typeof ZAnnotationQueueKind>;

const unit = (fallback: number) => z.number({ error: 'must be a number in [0, 1]' }).min(0, 'must be in [0, 1]').max(1, 'must be in [0, 1]').default(fallback);

/**
 * Steps of a dataset version whose Monte-Carlo value lies in [valueMin, valueMax] (default the
 * uncertain middle, 0.2–0.8), most uncertain (closest to 0.5) first. The suggestion shown with each
 * is the step's value.
 */
export const ZDatasetStepsSource = z
  .strictObject({
    kind: z.literal('dataset'),
    datasetVersionId: ZId,
    valueMin: unit(0.2),
    valueMax: unit(0.8),
    /** Sibling steps too, not only the solutions' own steps. */
    includeSiblings: z.boolean().default(false),
    /** Leave out steps that already carry a human label. */
    unlabelledOnly: z.boolean().default(true),
    limit: z.number().int().min(1).max(10_000).default(500),
  })
  .refine((s) => s.valueMin <= s.valueMax, { error: 'must be at most valueMax', path: ['valueMin'] });

/**
 * Served traces: by id, or by deployment / correctness / time window (newest first). The
 * suggestion shown with each node is its PRM score in the stored search tree.
 */
export const ZTracesSource = z.strictObject({
  kind: z.literal('traces'),
  traceIds: z.array(ZId).min(1).max(1_000).optional(),
  deploymentId: ZId.optional(),
  /** true / false: only traces known to be right / wrong. */
  correct: z.boolean().optional(),
  from: ZDateTime.optional(),
  to: ZDateTime.optional(),
  limit: z.number().int().min(1).max(5_000).default(200),
});

export const ZAnnotationSource = z.discriminatedUnion('kind', [ZDatasetStepsSource, ZTracesSource], { error: 'kind must be dataset or traces' });
export type TAnnotationSource = z.infer<typeof ZAnnotationSource>;

/** Counts of a queue's items. `inProgress` is items under a live lock; an expired lock counts as pending. */
export const ZAnnotationProgress = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  inProgress: z.number().int(),
  done: z.number().int(),
  skipped: z.number().int(),
});
export type TAnnotationProgress = z.infer<typeof ZAnnotationProgress>;

export const ZAnnotationQueue = z
  .object({
    id: ZId,
    name: z.string(),
    description: z.string().nullable(),
    kind: ZAnnotationQueueKind,
    lockTtlSeconds: z.number().int(),
    /** The sources items were added from. */
    filter: z.record(z.string(), z.unknown()).nullable(),
    createdBy: ZUserRef,
    createdAt: ZDateTime,
    updatedAt: ZDateTime,
    progress: ZAnnotationProgress,
  })
  .meta({ id: 'AnnotationQueue' });
export type TAnnotationQueue = z.infer<typeof ZAnnotationQueue>;

export const ZCreateAnnotationQueueRequest = z.strictObject({
  name: z.string().trim().min(1, { error: 'must not be empty' }).max(200),
  description: z.string().trim().max(2000).optional(),
  /** How long a fetched item stays locked to its annotator; after that anyone may take it. */
  lockTtlSeconds: z.number().int().min(1).max(86_400).default(600),
  source: ZAnnotationSource,
});
export type TCreateAnnotationQueueRequest = z.infer<typeof ZCreateAnnotationQueueRequest>;
export const ZCreateAnnotationQueueResponse = ZAnnotationQueue;

/** More items from another source of the queue's kind (items already queued are not repeated). */
export const ZAddAnnotationItemsRequest = z.strictObject({ queueId: ZId, source: ZAnnotationSource });
export type TAddAnnotationItemsRequest = z.infer<typeof ZAddAnnotationItemsRequest>;
export const ZAddAnnotationItemsResponse = z.object({ added: z.number().int(), queue: ZAnnotationQueue });
export type TAddAnnotationItemsResponse = z.infer<typeof ZAddAnnotationItemsResponse>;

export const ZFindAnnotationQueuesRequest = z.strictObject({
  limit: z.number().int().min(1).max(200).default(50),
  cursor: ZId.optional(),
});
export type TFindAnnotationQueuesRequest = z.infer<typeof ZFindAnnotationQueuesRequest>;
export const ZFindAnnotationQueuesResponse = z.object({ items: z.array(ZAnnotationQueue), nextCursor: ZId.nullable() });
export type TFindAnnotationQueuesResponse = z.infer<typeof ZFindAnnotationQueuesResponse>;

export const ZGetAnnotationQueueRequest = z.strictObject({ id: ZId });
export type TGetAnnotationQueueRequest = z.infer<typeof ZGetAnnotationQueueRequest>;
export const ZGetAnnotationQueueResponse = ZAnnotationQueue;

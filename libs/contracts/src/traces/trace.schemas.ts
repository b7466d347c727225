/**
 * Traces: one per served request (POST /v1/chat/completions) — the question, its images, the whole
 * search tree, the answer, the cost record and latency, the PRM version actually used, and whether
 * the answer is correct when that is known (synth suite questions carry their gold answer).
 * Mirrors `SearchResult` / `TreeNode` / `CostRecord` of @prmbas/search (contracts cannot import it).
 */
import { z } from 'zod';
import { ZDateTime, ZId } from '../common/schemas';

export const ZTraceTreeNode = z.object({
  id: z.number().int(),
  parent: z.number().int().nullable(),
  depth: z.number().int(),
  text: z.string(),
  terminal: z.boolean(),
  answer: z.string().optional(),
  score: z.number().nullable(),
  /** kept: a live beam when the search ended; expanded; pruned; finished: terminal, in the answer pool. */
  status: z.enum(['kept', 'pruned', 'finished', 'expanded']),
  chain: z.number().int().optional(),
});
export type TTraceTreeNode = z.infer<typeof ZTraceTreeNode>;

export const ZTraceCost = z.object({
  policyCalls: z.number().int(),
  generatedSteps: z.number().int(),
  tokens: z.number().int().nullable(),
  prmScoredSteps: z.number().int(),
  prmBatches: z.number().int(),
  scorer: z.object({ policyCalls: z.number().int(), generatedSteps: z.number().int(), tokens: z.number().int().nullable() }),
  wallMs: z.number(),
});
export type TTraceCost = z.infer<typeof ZTraceCost>;

export const ZTraceStatus = z.enum(['succeeded', 'failed']);

export const ZTraceSummary = z
  .object({
    id: ZId,
    deployment: z.object({ id: ZId, name: z.string() }),
    requestId: z.string().nullable(),
    /** The API key that made the request (null for a console session). */
    apiKeyId: ZId.nullable(),
    userId: ZId.nullable(),
    status: ZTraceStatus,
    error: z.string().nullable(),
    questionText: z.string(),
    imageCount: z.number().int(),
    strategy: z.string(),
    answer: z.string().nullable(),
    /** True/false when the gold answer is known (synth suite questions, or a reviewer's verdict). */
    correct: z.boolean().nullable(),
    prmModelVersionId: ZId.nullable(),
    cost: ZTraceCost.nullable(),
    generatedSteps: z.number().int().nullable(),
    tokens: z.number().int().nullable(),
    latencyMs: z.number().int(),
    createdAt: ZDateTime,
  })
  .meta({ id: 'TraceSummary' });
export type TTraceSummary = z.infer<typeof ZTraceSummary>;

export const ZTraceImage = z.object({
  position: z.number().int(),
  blobId: ZId,
  sha256: z.string(),
  mime: z.string(),
  byteSize: z.number().int(),
  /** Relative to the API's base URL (needs `read`). */
  url: z.string(),
});

export const ZTrace = ZTraceSummary.extend({
  /** Request parameters that shaped the search: the complete search config, overrides, answer format. */
  params: z.record(z.string(), z.unknown()).nullable(),
  tree: z.array(ZTraceTreeNode),
  solution: z.array(z.string()),
  answerNode: z.number().int().nullable(),
  beamWidths: z.array(z.number().int()),
  goldAnswer: z.string().nullable(),
  images: z.array(ZTraceImage),
}).meta({ id: 'Trace' });
export type TTrace = z.infer<typeof ZTrace>;

export const ZGetTraceRequest = z.strictObject({ id: z.uuid({ error: 'must be a trace id (UUID)' }) }).meta({ id: 'GetTraceRequest' });
export type TGetTraceRequest = z.infer<typeof ZGetTraceRequest>;
export const ZGetTraceResponse = ZTrace;

const count = (what: string) => z.coerce.number({ error: `must be a number of ${what}` }).int('must be an integer').min(0, 'must be >= 0');
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], { error: 'must be true or false' });

export const ZFindTracesRequest = z
  .strictObject({
    deploymentId: z.uuid({ error: 'must be a deployment id (UUID)' }).optional(),
    /** The deployment's name (its OpenAI `model`), as an alternative to its id. */
    deployment: z.string().min(1).max(64).optional(),
    status: ZTraceStatus.optional(),
    /** correct / incorrect: the answer was checked; unknown: no gold answer. */
    correctness: z.enum(['correct', 'incorrect', 'unknown'], { error: 'must be correct, incorrect or unknown' }).optional(),
    /** Cost range on the policy's generated steps (the search's own, not the scorer's). */
    minGeneratedSteps: count('steps').optional(),
    maxGeneratedSteps: count('steps').optional(),
    /** Cost range on generated tokens (traces whose policy reports none never match). */
    minTokens: count('tokens').optional(),
    maxTokens: count('tokens').optional(),
    minLatencyMs: count('milliseconds').optional(),
    maxLatencyMs: count('milliseconds').optional(),
    /** Created at or after. */
    from: z.iso.datetime({ offset: true, error: 'must be an ISO date-time such as 2025-01-31T00:00:00Z' }).optional(),
    /** Created before. */
    to: z.iso.datetime({ offset: true, error: 'must be an ISO date-time such as 2025-01-31T00:00:00Z' }).optional(),
    /** Traces of requests made with this API key. */
    apiKeyId: z.uuid({ error: 'must be an API key id (UUID)' }).optional(),
    withError: flag.optional(),
    limit: z.coerce.number({ error: 'must be a number' }).int('must be an integer').min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
    /** The `nextCursor` of the previous page. */
    cursor: z.uuid({ error: 'must be a trace id' }).optional(),
  })
  .refine((f) => f.minGeneratedSteps === undefined || f.maxGeneratedSteps === undefined || f.minGeneratedSteps <= f.maxGeneratedSteps, {
    path: ['maxGeneratedSteps'],
    message: 'must be >= minGeneratedSteps',
  })
  .refine((f) => f.minTokens === undefined || f.maxTokens === undefined || f.minTokens <= f.maxTokens, { path: ['maxTokens'], message: 'must be >= minTokens' })
  .refine((f) => f.from === undefined || f.to === undefined || Date.parse(f.from) < Date.parse(f.to), { path: ['to'], message: 'must be after from' })
  .meta({ id: 'FindTracesRequest' });
export type TFindTracesRequest = z.infer<typeof ZFindTracesRequest>;
export type TFindTracesInput = z.input<typeof ZFindTracesRequest>;

/** Newest first. */
export const ZFindTracesResponse = z.object({ items: z.array(ZTraceSummary), nextCursor: ZId.nullable() }).meta({ id: 'FindTracesResponse' });
export type TFindTracesResponse = z.infer<typeof ZFindTracesResponse>;

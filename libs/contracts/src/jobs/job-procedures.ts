/** Request and response shapes of the job procedures (REST now, tRPC for the console). */
import { z } from 'zod';
import { ZJobKind, ZJobRequirements, ZJobStatus } from './job-kinds';
import { ZDatasetBuildPayload, ZEvalRunPayload, ZPrmTrainPayload } from './job-payloads';

const common = {
  requirements: ZJobRequirements.default({}),
  /** Runs allowed, the first included (a worker's death or an error uses one). Default per kind. */
  maxAttempts: z.number().int('must be an integer').min(1, 'must be at least 1').max(20, 'must be at most 20').optional(),
  /** Higher runs first within its queue. */
  priority: z.number().int('must be an integer').min(-100).max(100).optional(),
};

export const ZCreateJobRequest = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({ kind: z.literal('dataset.build'), payload: ZDatasetBuildPayload, ...common }),
      z.strictObject({ kind: z.literal('prm.train'), payload: ZPrmTrainPayload, ...common }),
      z.strictObject({ kind: z.literal('eval.run'), payload: ZEvalRunPayload, ...common }),
    ],
    { error: 'kind must be one of dataset.build, prm.train, eval.run' },
  )
  .meta({ id: 'CreateJobRequest' });
export type TCreateJobRequest = z.infer<typeof ZCreateJobRequest>;
export type TCreateJobInput = z.input<typeof ZCreateJobRequest>;

const isoDate = z.iso.datetime();

export const ZJob = z
  .object({
    id: z.uuid(),
    kind: ZJobKind,
    status: ZJobStatus,
    /** The pg-boss queue: `<kind>.<any|gpu|backend-NAME>`. */
    queue: z.string(),
    requirements: z.object({ gpu: z.boolean().optional(), backend: z.string().optional() }),
    payload: z.record(z.string(), z.unknown()),
    result: z.record(z.string(), z.unknown()).nullable(),
    /** The last error (also set while a failed attempt waits for its retry). */
    error: z.string().nullable(),
    /** 0..1, as the worker reports it. */
    progress: z.number().nullable(),
    /** Runs started so far (a retry after a worker died counts). */
    attempts: z.number().int(),
    workerId: z.string().nullable(),
    trainingRunId: z.uuid().nullable(),
    datasetVersionId: z.uuid().nullable(),
    modelVersionId: z.uuid().nullable(),
    cancelRequestedAt: isoDate.nullable(),
    createdAt: isoDate,
    startedAt: isoDate.nullable(),
    finishedAt: isoDate.nullable(),
    updatedAt: isoDate,
  })
  .meta({ id: 'Job' });
export type TJob = z.infer<typeof ZJob>;

export const ZCreateJobResponse = ZJob;

export const ZGetJobRequest = z.strictObject({ id: z.uuid({ error: 'must be a job id (UUID)' }) }).meta({ id: 'GetJobRequest' });
export type TGetJobRequest = z.infer<typeof ZGetJobRequest>;
export const ZGetJobResponse = ZJob;

export const ZCancelJobRequest = z.strictObject({ id: z.uuid({ error: 'must be a job id (UUID)' }) }).meta({ id: 'CancelJobRequest' });
export type TCancelJobRequest = z.infer<typeof ZCancelJobRequest>;
export const ZCancelJobResponse = ZJob;

export const ZFindJobsRequest = z
  .strictObject({
    status: ZJobStatus.optional(),
    kind: ZJobKind.optional(),
    limit: z.coerce.number({ error: 'must be a number' }).int('must be an integer').min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
    /** The `nextCursor` of the previous page. */
    cursor: z.uuid({ error: 'must be a job id' }).optional(),
  })
  .meta({ id: 'FindJobsRequest' });
export type TFindJobsRequest = z.infer<typeof ZFindJobsRequest>;

export const ZFindJobsResponse = z
  .object({ items: z.array(ZJob), nextCursor: z.uuid().nullable() })
  .meta({ id: 'FindJobsResponse' });
export type TFindJobsResponse = z.infer<typeof ZFindJobsResponse>;

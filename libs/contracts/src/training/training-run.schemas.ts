/**
 * Training runs as the console starts, lists and watches them. A run trains a PRM of a model kind
 * (which workers register) on a ready or frozen dataset version; its `prm.train` job carries the
 * compute requirement. The view joins what the run pages show: the worker and backend that ran it,
 * the dataset lineage, the job, the model version it produced and the newest value of each metric.
 */
import { z } from 'zod';
import { ZDateTime, ZId } from '../common/schemas';
import { ZBackendName, ZJobRequirements, ZJobStatus } from '../jobs/job-kinds';

export const TRAINING_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const ZTrainingRunStatus = z.enum(TRAINING_RUN_STATUSES, { error: `must be one of ${TRAINING_RUN_STATUSES.join(', ')}` });
export type TTrainingRunStatus = z.infer<typeof ZTrainingRunStatus>;

/** Statuses after which nothing about a run changes any more. */
export const FINISHED_TRAINING_RUN_STATUSES: readonly TTrainingRunStatus[] = ['succeeded', 'failed', 'cancelled'];

const int = (min: number, max: number) => {
  const msg = `must be an integer in [${min}, ${max}]`;
  return z.number({ error: msg }).int(msg).min(min, msg).max(max, msg);
};
const positive = (max: number) => {
  const msg = `must be a number in (0, ${max}]`;
  return z.number({ error: msg }).gt(0, msg).max(max, msg);
};

/** A model kind as workers register it (`test-mlp`, the multimodal PRM, ...). */
export const ZModelKindName = z.string({ error: 'must name a model kind' }).regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1-64 characters of a-z, 0-9, ".", "_" or "-"');

/**
 * The hyperparameters of the run form. Each omitted one takes the trainer's default
 * (`DEFAULT_TRAINER_CONFIG` of @prmbas/prm), so defaults live in one place. `epochs` is the
 * alternative to `steps`: the server turns it into steps from the dataset version's size.
 */
export const ZTrainingHyperparameters = z
  .strictObject({
    /** Weight of the rank loss next to the value loss (PRM-BAS: λ). */
    lambdaRank: z.number({ error: 'must be a number in [0, 100]' }).min(0, 'must be a number in [0, 100]').max(100, 'must be a number in [0, 100]').optional(),
    valueLoss: z.enum(['bce', 'mse'], { error: 'must be bce or mse' }).optional(),
    steps: int(1, 1_000_000).optional(),
    epochs: positive(1000).optional(),
    batchSize: int(1, 4096).optional(),
    /** Peak learning rate. */
    lr: positive(1).optional(),
    warmupSteps: int(0, 1_000_000).optional(),
    seed: int(-2_147_483_648, 2_147_483_647).optional(),
    evalEvery: int(0, 1_000_000).optional(),
    checkpointEvery: int(0, 1_000_000).optional(),
    progressEvery: int(1, 100_000).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.steps !== undefined && value.epochs !== undefined) ctx.addIssue({ code: 'custom', path: ['epochs'], message: 'give steps or epochs, not both' });
    if (value.epochs !== undefined && value.batchSize === undefined) ctx.addIssue({ code: 'custom', path: ['batchSize'], message: 'is needed to turn epochs into steps' });
  });
export type TTrainingHyperparameters = z.infer<typeof ZTrainingHyperparameters>;

export const ZCreateTrainingRunRequest = z
  .strictObject({
    /** A ready or frozen version (a building one is still changing). */
    datasetVersionId: z.uuid({ error: 'must be a dataset version id (UUID)' }),
    name: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
    model: z.strictObject({
      kind: ZModelKindName,
      /** The kind's own settings (architecture, features), passed to it as given. */
      config: z.record(z.string(), z.unknown(), { error: 'must be an object' }).default({}),
    }),
    trainer: ZTrainingHyperparameters.default({}),
    /** Share of questions held out for the eval/* metrics. */
    heldOutShare: z.number({ error: 'must be a number in [0, 0.9]' }).min(0, 'must be a number in [0, 0.9]').max(0.9, 'must be a number in [0, 0.9]').optional(),
    /** Checkpoints kept (0 = all). */
    checkpointKeep: int(0, 1000).optional(),
    /** `{ gpu: true }`: only a GPU worker takes it; `{ backend: 'wasm' }`: only a wasm worker. */
    requirements: ZJobRequirements.default({}),
  })
  .meta({ id: 'CreateTrainingRunRequest' });
export type TCreateTrainingRunRequest = z.infer<typeof ZCreateTrainingRunRequest>;
export type TCreateTrainingRunInput = z.input<typeof ZCreateTrainingRunRequest>;

const ZMetricValue = z.object({ step: z.number().int(), value: z.number() });

export const ZTrainingRun = z
  .object({
    id: ZId,
    name: z.string().nullable(),
    status: ZTrainingRunStatus,
    /** 0..1 */
    progress: z.number(),
    step: z.number().int().nullable(),
    totalSteps: z.number().int().nullable(),
    error: z.string().nullable(),
    /** As stored (`ZTrainingRunConfig`): model kind and config, trainer settings, held-out share. */
    config: z.record(z.string(), z.unknown()),
    /** What the run asked of its worker (from its job's queue). */
    requirements: z.object({ gpu: z.boolean().optional(), backend: z.string().optional() }),
    /** The backend it actually trained on (set when a worker starts it). */
    backend: ZBackendName.nullable(),
    worker: z.object({ id: z.string(), hostname: z.string(), backend: ZBackendName, gpu: z.boolean() }).nullable(),
    dataset: z.object({
      id: ZId,
      name: z.string(),
      versionId: ZId,
      version: z.number().int(),
      status: z.string(),
      digest: z.string().nullable(),
      recordCount: z.number().int(),
    }),
    /** The newest `prm.train` job of the run. */
    job: z.object({ id: ZId, status: ZJobStatus, queue: z.string(), attempts: z.number().int(), error: z.string().nullable() }).nullable(),
    modelVersion: z.object({ id: ZId, version: z.number().int(), name: z.string() }).nullable(),
    createdBy: z.object({ id: ZId, email: z.string() }).nullable(),
    /** The newest point of each series (`train/loss`, `eval/auroc`, ...), for run tables. */
    latestMetrics: z.record(z.string(), ZMetricValue),
    cancelRequestedAt: ZDateTime.nullable(),
    createdAt: ZDateTime,
    startedAt: ZDateTime.nullable(),
    finishedAt: ZDateTime.nullable(),
    updatedAt: ZDateTime,
    /** Started → finished, or → now while it runs. */
    durationMs: z.number().nullable(),
  })
  .meta({ id: 'TrainingRun' });
export type TTrainingRun = z.infer<typeof ZTrainingRun>;

export const ZCreateTrainingRunResponse = ZTrainingRun;

export const ZGetTrainingRunRequest = z.strictObject({ id: z.uuid({ error: 'must be a training run id (UUID)' }) });
export type TGetTrainingRunRequest = z.infer<typeof ZGetTrainingRunRequest>;
export const ZGetTrainingRunResponse = ZTrainingRun;

export const ZCancelTrainingRunRequest = ZGetTrainingRunRequest;
export type TCancelTrainingRunRequest = z.infer<typeof ZCancelTrainingRunRequest>;
export const ZCancelTrainingRunResponse = ZTrainingRun;

export const ZFindTrainingRunsRequest = z.strictObject({
  status: ZTrainingRunStatus.optional(),
  datasetVersionId: z.uuid({ error: 'must be a dataset version id (UUID)' }).optional(),
  limit: int(1, 200).default(50),
  /** The `nextCursor` of the previous page (newest first). */
  cursor: z.uuid({ error: 'must be a training run id' }).optional(),
});
export type TFindTrainingRunsRequest = z.infer<typeof ZFindTrainingRunsRequest>;
export const ZFindTrainingRunsResponse = z.object({ items: z.array(ZTrainingRun), nextCursor: ZId.nullable() });
export type TFindTrainingRunsResponse = z.infer<typeof ZFindTrainingRunsResponse>;

/** The model kinds live workers offer, with the workers (for the form's model and hardware choices). */
export const ZFindModelKindsResponse = z.object({
  items: z.array(
    z.object({
      kind: z.string(),
      workers: z.array(z.object({ id: z.string(), backend: ZBackendName, gpu: z.boolean() })),
    }),
  ),
});
export type TFindModelKindsResponse = z.infer<typeof ZFindModelKindsResponse>;

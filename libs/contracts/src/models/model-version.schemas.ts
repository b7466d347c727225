/**
 * The model registry: trained PRM versions with their artifact (sha256, size), metrics and
 * lineage (the run, the dataset version and the checkpoint they came from), as MLflow's registry
 * shows them. The artifact itself is REST: `GET /models/versions/:id/artifact` (streamed).
 */
import { z } from 'zod';
import { ZDateTime, ZId } from '../common/schemas';
import { ZBackendName } from '../jobs/job-kinds';
import { ZTrainingRunStatus } from '../training/training-run.schemas';

export const ZModelVersion = z
  .object({
    id: ZId,
    /** Human-facing number ("v12"), increasing. */
    version: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    /** Artifact format tag, e.g. `prmbas-prm/1`. */
    format: z.string(),
    artifact: z.object({
      sha256: z.string(),
      byteSize: z.number().int(),
      contentType: z.string(),
      /** Relative to the API's base URL; needs a session or an API key with `read`. */
      downloadPath: z.string(),
    }),
    /** Held-out metrics at the end of training (auroc, pairAccuracy, ece, ...) and `steps`. */
    metrics: z.record(z.string(), z.number().nullable()),
    /** Model kind, model config and resolved trainer config, as the artifact states them. */
    config: z.record(z.string(), z.unknown()).nullable(),
    /** Aliases pointing at this version now. */
    aliases: z.array(z.string()),
    lineage: z.object({
      trainingRun: z
        .object({
          id: ZId,
          name: z.string().nullable(),
          status: ZTrainingRunStatus,
          backend: ZBackendName.nullable(),
          workerId: z.string().nullable(),
          startedAt: ZDateTime.nullable(),
          finishedAt: ZDateTime.nullable(),
        })
        .nullable(),
      datasetVersion: z
        .object({ id: ZId, datasetId: ZId, datasetName: z.string(), version: z.number().int(), status: z.string(), digest: z.string().nullable() })
        .nullable(),
      checkpoint: z.object({ id: ZId, step: z.number().int(), createdAt: ZDateTime }).nullable(),
    }),
    createdBy: z.object({ id: ZId, email: z.string() }).nullable(),
    createdAt: ZDateTime,
  })
  .meta({ id: 'ModelVersion' });
export type TModelVersion = z.infer<typeof ZModelVersion>;

export const ZGetModelVersionRequest = z.strictObject({ id: z.uuid({ error: 'must be a model version id (UUID)' }) });
export type TGetModelVersionRequest = z.infer<typeof ZGetModelVersionRequest>;
export const ZGetModelVersionResponse = ZModelVersion;

export const ZFindModelVersionsRequest = z.strictObject({
  /** Case-insensitive part of the name. */
  name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  trainingRunId: z.uuid({ error: 'must be a training run id (UUID)' }).optional(),
  datasetVersionId: z.uuid({ error: 'must be a dataset version id (UUID)' }).optional(),
  limit: z.number({ error: 'must be an integer in [1, 200]' }).int().min(1, 'must be an integer in [1, 200]').max(200, 'must be an integer in [1, 200]').default(50),
  /** The `nextCursor` of the previous page (newest first). */
  cursor: z.uuid({ error: 'must be a model version id' }).optional(),
});
export type TFindModelVersionsRequest = z.infer<typeof ZFindModelVersionsRequest>;
export const ZFindModelVersionsResponse = z.object({ items: z.array(ZModelVersion), nextCursor: ZId.nullable() });
export type TFindModelVersionsResponse = z.infer<typeof ZFindModelVersionsResponse>;

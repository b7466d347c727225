/**
 * Datasets and their versions: what the console lists, creates, builds and freezes. A version's
 * records are questions → solutions → steps (Monte-Carlo values, sibling groups); browsing them is
 * in `dataset-browse.schemas.ts`, import/export (REST) in `dataset-transfer.schemas.ts`.
 */
import { z } from 'zod';
import { ZDateTime, ZId } from '../common/schemas';
import { ZJobRequirements, ZJobStatus } from '../jobs/job-kinds';
import { ZDatasetBuildConfig, ZPolicySpec, ZSynthSuiteSpec } from '../jobs/job-payloads';
import { ZJob } from '../jobs/job-procedures';

export const DATASET_VERSION_STATUSES = ['building', 'ready', 'frozen', 'failed'] as const;
export const ZDatasetVersionStatus = z.enum(DATASET_VERSION_STATUSES);
export type TDatasetVersionStatus = z.infer<typeof ZDatasetVersionStatus>;

/** Who did something, as lists show it (null once the user is deleted). */
export const ZUserRef = z.object({ id: ZId, email: z.string() }).nullable();
export type TUserRef = z.infer<typeof ZUserRef>;

/**
 * A version's numbers (computed from its rows, so they are right while it builds): what
 * `summariseDataset` of @prmbas/rollouts reports, plus the human labels on its steps.
 */
export const ZDatasetStats = z.object({
  questions: z.number().int(),
  solutions: z.number().int(),
  /** Steps of the solutions (siblings not included). */
  steps: z.number().int(),
  siblingSteps: z.number().int(),
  /** States with at least one sibling: each is a rank-loss group. */
  siblingGroups: z.number().int(),
  /** Ordered pairs (i, j) within a group with v_i > v_j: what the rank loss trains on. */
  pairs: z.number().int(),
  /** Mean Monte-Carlo value of the solutions' steps (0 when there are none). */
  meanValue: z.number(),
  /** Share of solution steps with value > 0. */
  positiveStepShare: z.number(),
  /** Share of solutions whose final answer is correct. */
  correctShare: z.number(),
  /** Steps (own or sibling) with at least one human label. */
  labelledSteps: z.number().int(),
});
export type TDatasetStats = z.infer<typeof ZDatasetStats>;

/** The newest `dataset.build` job of a version: how far its build is. */
export const ZDatasetBuildProgress = z.object({
  jobId: ZId,
  status: ZJobStatus,
  /** 0..1 as the worker reports it; null before it starts. */
  progress: z.number().nullable(),
  attempts: z.number().int(),
  workerId: z.string().nullable(),
  error: z.string().nullable(),
});
export type TDatasetBuildProgress = z.infer<typeof ZDatasetBuildProgress>;

export const ZDatasetVersion = z
  .object({
    id: ZId,
    datasetId: ZId,
    version: z.number().int(),
    status: ZDatasetVersionStatus,
    /** The build's budget knobs (empty for imports). */
    config: z.record(z.string(), z.unknown()),
    /** Provenance: suite, policy and config of a build, or the file and format of an import. */
    header: z.record(z.string(), z.unknown()),
    report: z.record(z.string(), z.unknown()).nullable(),
    /** `datasetDigest` of the records (images as `blob:<sha256>`), set once complete. */
    digest: z.string().nullable(),
    recordCount: z.number().int(),
    parentVersionId: ZId.nullable(),
    error: z.string().nullable(),
    frozenAt: ZDateTime.nullable(),
    frozenBy: ZUserRef,
    createdBy: ZUserRef,
    createdAt: ZDateTime,
    updatedAt: ZDateTime,
    stats: ZDatasetStats,
    build: ZDatasetBuildProgress.nullable(),
  })
  .meta({ id: 'DatasetVersion' });
export type TDatasetVersion = z.infer<typeof ZDatasetVersion>;

export const ZDataset = z
  .object({
    id: ZId,
    name: z.string(),
    description: z.string().nullable(),
    createdBy: ZUserRef,
    createdAt: ZDateTime,
    updatedAt: ZDateTime,
    versionCount: z.number().int(),
    /** The highest-numbered version, whatever its status. */
    latestVersion: ZDatasetVersion.nullable(),
  })
  .meta({ id: 'Dataset' });
export type TDataset = z.infer<typeof ZDataset>;

const ZDatasetName = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' })
  .regex(/^[^\s/][^/]*$/, { error: 'must not start with a space or contain "/"' });

export const ZCreateDatasetRequest = z.strictObject({
  name: ZDatasetName,
  description: z.string().trim().max(2000).optional(),
});
export type TCreateDatasetRequest = z.infer<typeof ZCreateDatasetRequest>;
export const ZCreateDatasetResponse = ZDataset;

export const ZFindDatasetsRequest = z.strictObject({
  /** Substring of the name, case-insensitive. */
  query: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: ZId.optional(),
});
export type TFindDatasetsRequest = z.infer<typeof ZFindDatasetsRequest>;
export const ZFindDatasetsResponse = z.object({ items: z.array(ZDataset), nextCursor: ZId.nullable() });
export type TFindDatasetsResponse = z.infer<typeof ZFindDatasetsResponse>;

export const ZGetDatasetRequest = z.strictObject({ id: ZId });
export type TGetDatasetRequest = z.infer<typeof ZGetDatasetRequest>;
/** The dataset and every version, newest first. */
export const ZGetDatasetResponse = ZDataset.extend({ versions: z.array(ZDatasetVersion) });
export type TGetDatasetResponse = z.infer<typeof ZGetDatasetResponse>;

export const ZGetDatasetVersionRequest = z.strictObject({ id: ZId });
export type TGetDatasetVersionRequest = z.infer<typeof ZGetDatasetVersionRequest>;
export const ZGetDatasetVersionResponse = ZDatasetVersion;

/**
 * A new version built from the synthetic suite by a worker (`dataset.build` job): which questions
 * (size, seed, difficulty, families), which policy, and the rollout budget (solutions, rollouts,
 * siblings, ...; defaults of @prmbas/rollouts). Progress: `build` on the version, or the job.
 */
export const ZBuildDatasetVersionRequest = z.strictObject({
  datasetId: ZId,
  suite: ZSynthSuiteSpec,
  policy: ZPolicySpec.default({ kind: 'sim' }),
  build: ZDatasetBuildConfig.default({}),
  requirements: ZJobRequirements.default({}),
  /** The version this one derives from, for lineage. */
  parentVersionId: ZId.optional(),
});
export type TBuildDatasetVersionRequest = z.infer<typeof ZBuildDatasetVersionRequest>;
export const ZBuildDatasetVersionResponse = z.object({ version: ZDatasetVersion, job: ZJob });
export type TBuildDatasetVersionResponse = z.infer<typeof ZBuildDatasetVersionResponse>;

/** Ready → frozen: from then on the version and its records cannot change (labels still can). */
export const ZFreezeDatasetVersionRequest = z.strictObject({ id: ZId });
export type TFreezeDatasetVersionRequest = z.infer<typeof ZFreezeDatasetVersionRequest>;
export const ZFreezeDatasetVersionResponse = ZDatasetVersion;

/** Deletes a version that is not frozen and not used by a training run or model version. */
export const ZDeleteDatasetVersionRequest = z.strictObject({ id: ZId });
export type TDeleteDatasetVersionRequest = z.infer<typeof ZDeleteDatasetVersionRequest>;
export const ZDeleteDatasetVersionResponse = z.object({ id: ZId });
export type TDeleteDatasetVersionResponse = z.infer<typeof ZDeleteDatasetVersionResponse>;

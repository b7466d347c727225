/**
 * Enqueue: our `jobs` row and the pg-boss job are written in one transaction, so there is never a
 * row nobody will run nor a pg-boss job without its row. The pg-boss job has the row's id, and
 * carries only that id: the row (payload, links, cancel flag) is the source of truth.
 */
import type { TJobKind, TJobRequirements } from '@prmbas/contracts';
import type PgBoss from 'pg-boss';
import type { PrismaClient } from '../client';
import type { Job, Prisma } from '../generated/prisma/client';
import { bossDbOf, JOB_QUEUE_DEFAULTS } from './job-boss';
import { jobKindEnum } from './job-kind-enum';
import { queueName } from './job-routing';

export interface EnqueueJobInput {
  kind: TJobKind;
  /** Already validated for its kind (see @prmbas/contracts JOB_PAYLOAD_SCHEMAS); stored as JSON. */
  payload: Readonly<Record<string, unknown>>;
  requirements?: TJobRequirements;
  /** Runs allowed, the first included. Default 1 + JOB_QUEUE_DEFAULTS.retryLimit. */
  maxAttempts?: number;
  /** Seconds before a failed attempt is offered again (doubles per retry). */
  retryDelaySeconds?: number;
  priority?: number;
  createdById?: string | null;
  trainingRunId?: string | null;
  datasetVersionId?: string | null;
  modelVersionId?: string | null;
}

/**
 * Work done in the enqueue transaction: `before` (checks and locks on what the job is for; throw
 * to refuse), `after` (e.g. the audit row of the new job).
 */
export interface EnqueueHooks {
  before?(tx: Prisma.TransactionClient): Promise<void>;
  after?(tx: Prisma.TransactionClient, job: Job): Promise<void>;
}

/** The data of every pg-boss job of the platform. */
export interface BossJobData {
  jobId: string;
}

export async function enqueueJob(prisma: PrismaClient, boss: PgBoss, input: EnqueueJobInput, hooks: EnqueueHooks = {}): Promise<Job> {
  const queue = queueName(input.kind, input.requirements);
  const maxAttempts = input.maxAttempts ?? JOB_QUEUE_DEFAULTS.retryLimit + 1;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`enqueueJob: maxAttempts must be a positive integer, got ${maxAttempts}`);
  return prisma.$transaction(async (tx) => {
    await hooks.before?.(tx);
    const row = await tx.job.create({
      data: {
        kind: jobKindEnum(input.kind),
        queue,
        // Through JSON: what is stored is exactly what a worker will read back (undefined keys dropped).
        payload: JSON.parse(JSON.stringify(input.payload)) as Prisma.InputJsonObject,
        createdById: input.createdById ?? null,
        trainingRunId: input.trainingRunId ?? null,
        datasetVersionId: input.datasetVersionId ?? null,
        modelVersionId: input.modelVersionId ?? null,
      },
    });
    const data: BossJobData = { jobId: row.id };
    const bossJobId = await boss.send(queue, data, {
      id: row.id,
      retryLimit: maxAttempts - 1,
      ...(input.retryDelaySeconds !== undefined ? { retryDelay: input.retryDelaySeconds } : {}),
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
      ...bossDbOf(tx),
    });
    if (bossJobId !== row.id) throw new Error(`enqueueJob: pg-boss did not accept job ${row.id} on ${queue}`);
    const job = await tx.job.update({ where: { id: row.id }, data: { bossJobId } });
    await hooks.after?.(tx, job);
    return job;
  });
}

/** A `jobs` row as the API shows it (ZJob of @prmbas/contracts). */
import type { TJob } from '@prmbas/contracts';
import { jobKindName, parseQueueName, type Job } from '@prmbas/db';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toJobView(job: Job): TJob {
  return {
    id: job.id,
    kind: jobKindName(job.kind),
    status: job.status,
    queue: job.queue,
    requirements: parseQueueName(job.queue)?.requirements ?? {},
    payload: job.payload as Record<string, unknown>,
    result: (job.result as Record<string, unknown> | null) ?? null,
    error: job.error,
    progress: job.progress,
    attempts: job.attempts,
    workerId: job.workerId,
    trainingRunId: job.trainingRunId,
    datasetVersionId: job.datasetVersionId,
    modelVersionId: job.modelVersionId,
    cancelRequestedAt: iso(job.cancelRequestedAt),
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    updatedAt: job.updatedAt.toISOString(),
  };
}

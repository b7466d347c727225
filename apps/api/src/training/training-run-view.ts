/** A run row with its lineage → the `TrainingRun` contracts promise (dates as ISO strings). */
import type { TTrainingRun } from '@prmbas/contracts';
import { backendName, parseQueueName } from '@prmbas/db';
import type { RunWithLineage } from './training.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type LatestMetrics = TTrainingRun['latestMetrics'];

export function toTrainingRunView(run: RunWithLineage, latestMetrics: LatestMetrics, now = new Date()): TTrainingRun {
  const job = run.jobs[0] ?? null;
  const model = run.modelVersions[0] ?? null;
  const version = run.datasetVersion;
  const end = run.finishedAt ?? (run.status === 'running' ? now : null);
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    progress: run.progress,
    step: run.step,
    totalSteps: run.totalSteps,
    error: run.error,
    config: run.config as Record<string, unknown>,
    requirements: job ? (parseQueueName(job.queue)?.requirements ?? {}) : {},
    backend: run.backend ? backendName(run.backend) : null,
    worker: run.worker ? { id: run.worker.id, hostname: run.worker.hostname, backend: backendName(run.worker.backend), gpu: run.worker.gpu } : null,
    dataset: {
      id: version.dataset.id,
      name: version.dataset.name,
      versionId: version.id,
      version: version.version,
      status: version.status,
      digest: version.digest,
      recordCount: version.recordCount,
    },
    job: job ? { id: job.id, status: job.status, queue: job.queue, attempts: job.attempts, error: job.error } : null,
    modelVersion: model ? { id: model.id, version: model.version, name: model.name } : null,
    createdBy: run.createdBy ? { id: run.createdBy.id, email: run.createdBy.email } : null,
    latestMetrics,
    cancelRequestedAt: iso(run.cancelRequestedAt),
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    updatedAt: run.updatedAt.toISOString(),
    durationMs: run.startedAt && end ? Math.max(0, end.getTime() - run.startedAt.getTime()) : null,
  };
}

/** Newest points per run, grouped for the views. */
export function latestByRun(points: readonly { runId: string; name: string; step: number; value: number }[]): Map<string, LatestMetrics> {
  const out = new Map<string, LatestMetrics>();
  for (const p of points) {
    const forRun = out.get(p.runId) ?? {};
    forRun[p.name] = { step: p.step, value: p.value };
    out.set(p.runId, forRun);
  }
  return out;
}

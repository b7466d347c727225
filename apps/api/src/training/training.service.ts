/**
 * Training runs: start (the run row and its `prm.train` job in one transaction with both audit
 * rows, through the jobs module), read, cancel (through the jobs module), and the metric reads
 * (RunMetricsService). The checks only the server can make: the dataset version exists and is
 * ready or frozen, and some live worker offers the model kind (when any worker is live at all).
 */
import { Injectable } from '@nestjs/common';
import type {
  Actor,
  TCancelTrainingRunRequest,
  TCompareRunsRequest,
  TCompareRunsResponse,
  TCreateTrainingRunRequest,
  TFindModelKindsResponse,
  TFindTrainingRunsRequest,
  TFindTrainingRunsResponse,
  TGetRunMetricsRequest,
  TGetRunMetricsResponse,
  TGetTrainingRunRequest,
  TrainingService as TrainingServiceContract,
  TTrainingRun,
} from '@prmbas/contracts';
import { backendName, writeAuditLog, type Prisma } from '@prmbas/db';
import { auditContextOf } from '../auth/auth.views';
import { AppError } from '../errors/app-error';
import { JobsService } from '../jobs/jobs.service';
import { RunMetricsService } from './run-metrics.service';
import { trainingRunConfig } from './training-run-config';
import { latestByRun, toTrainingRunView } from './training-run-view';
import { TrainingRepository } from './training.repository';
import { uuidV7 } from '../database/uuid-v7';

@Injectable()
export class TrainingService implements TrainingServiceContract {
  constructor(
    private readonly runs: TrainingRepository,
    private readonly jobs: JobsService,
    private readonly metrics: RunMetricsService,
  ) {}

  async createRun(input: TCreateTrainingRunRequest, actor: Actor): Promise<TTrainingRun> {
    await this.checkModelKind(input.model.kind);
    const version = await this.runs.datasetVersion(input.datasetVersionId);
    if (!version) throw AppError.notFound('dataset version', input.datasetVersionId, { param: 'datasetVersionId' });
    if (version.status !== 'ready' && version.status !== 'frozen') {
      throw AppError.conflict(`dataset version '${version.id}' is ${version.status}; training needs a ready or frozen version`, { param: 'datasetVersionId' });
    }
    let datasetSteps: number | null = null;
    if (input.trainer.epochs !== undefined) {
      datasetSteps = await this.runs.countDatasetSteps(version.id);
      if (datasetSteps === 0) throw AppError.unprocessable(`dataset version '${version.id}' has no steps to train on`, { param: 'datasetVersionId' });
    }
    const config = trainingRunConfig(input, datasetSteps);
    const id = uuidV7();
    const audit = auditContextOf(actor);
    await this.jobs.create({ kind: 'prm.train', payload: { trainingRunId: id }, requirements: input.requirements }, actor, {
      before: async (tx) => {
        const run = await this.runs.createRun(tx, {
          id,
          name: input.name ?? null,
          datasetVersionId: version.id,
          config: config as unknown as Prisma.InputJsonObject,
          createdById: audit.actor.userId ?? null,
        });
        await writeAuditLog(tx, audit, { action: 'training_run.create', entityType: 'training_run', entityId: id, after: { run, request: input } });
      },
    });
    return this.getRun({ id });
  }

  async findRuns(filter: TFindTrainingRunsRequest): Promise<TFindTrainingRunsResponse> {
    const rows = await this.runs.findRuns(filter);
    const page = rows.slice(0, filter.limit);
    const latest = latestByRun(await this.runs.latestMetricPoints(page.map((r) => r.id)));
    const now = new Date();
    return {
      items: page.map((r) => toTrainingRunView(r, latest.get(r.id) ?? {}, now)),
      nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
    };
  }

  async getRun({ id }: TGetTrainingRunRequest): Promise<TTrainingRun> {
    const run = await this.runs.findRun(id);
    if (!run) throw AppError.notFound('training run', id, { param: 'id' });
    const latest = latestByRun(await this.runs.latestMetricPoints([id]));
    return toTrainingRunView(run, latest.get(id) ?? {});
  }

  async cancelRun({ id }: TCancelTrainingRunRequest, actor: Actor): Promise<TTrainingRun> {
    const run = await this.runs.runStatus(id);
    if (!run) throw AppError.notFound('training run', id, { param: 'id' });
    const job = await this.runs.activeJobOf(id);
    if (!job) throw AppError.conflict(`training run '${id}' is ${run.status}; only a queued or running run can be cancelled`, { param: 'id' });
    // The jobs module flags the job (and mirrors it on the run), cancels it in pg-boss and audits it.
    await this.jobs.cancel({ id: job.id }, actor);
    return this.getRun({ id });
  }

  getMetrics(input: TGetRunMetricsRequest): Promise<TGetRunMetricsResponse> {
    return this.metrics.getMetrics(input);
  }

  compareRuns(input: TCompareRunsRequest): Promise<TCompareRunsResponse> {
    return this.metrics.compareRuns(input);
  }

  async findModelKinds(): Promise<TFindModelKindsResponse> {
    const byKind = new Map<string, TFindModelKindsResponse['items'][number]['workers']>();
    for (const worker of await this.runs.liveWorkers()) {
      for (const kind of modelKindsOf(worker.capabilities)) {
        const list = byKind.get(kind) ?? [];
        list.push({ id: worker.id, backend: backendName(worker.backend), gpu: worker.gpu });
        byKind.set(kind, list);
      }
    }
    return { items: [...byKind.keys()].sort().map((kind) => ({ kind, workers: byKind.get(kind)! })) };
  }

  /**
   * A kind no live worker offers would be taken by a worker that cannot train it and fail. With no
   * live worker at all nothing can be said (workers may start later), so the run is accepted.
   */
  private async checkModelKind(kind: string): Promise<void> {
    const workers = await this.runs.liveWorkers();
    if (workers.length === 0) return;
    const offered = new Set(workers.flatMap((w) => modelKindsOf(w.capabilities)));
    if (!offered.has(kind)) {
      const known = [...offered].sort();
      throw AppError.unprocessable(`model kind '${kind}' is not offered by any live worker (offered: ${known.length ? known.join(', ') : 'none'})`, { param: 'model.kind' });
    }
  }
}

/**
 * The model kinds a worker can train: `capabilities.modelKinds` (see apps/worker main.ts), for a
 * worker that consumes `prm.train` jobs at all (`capabilities.kinds`).
 */
function modelKindsOf(capabilities: Prisma.JsonValue): string[] {
  if (!capabilities || typeof capabilities !== 'object' || Array.isArray(capabilities)) return [];
  const { modelKinds, kinds } = capabilities;
  if (Array.isArray(kinds) && !kinds.includes('prm.train')) return [];
  return Array.isArray(modelKinds) ? modelKinds.filter((k): k is string => typeof k === 'string') : [];
}

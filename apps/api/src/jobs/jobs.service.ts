/**
 * Jobs: enqueue (with the checks only the server can make: what the job is for exists, is in a
 * state the job can act on, and has no other job at work on it), cancel, get and find. Every
 * enqueue and cancel writes its audit row in the same transaction.
 */
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  ZTrainingRunConfig,
  type Actor,
  type JobsService as JobsServiceContract,
  type TCancelJobRequest,
  type TCreateJobRequest,
  type TFindJobsRequest,
  type TFindJobsResponse,
  type TGetJobRequest,
  type TJob,
} from '@prmbas/contracts';
import { jobKindEnum, queueDepths, writeAuditLog, type EnqueueJobInput, type Prisma } from '@prmbas/db';
import { PRM_STRATEGIES, SearchConfigError, parseSearchConfig } from '@prmbas/search';
import type PgBoss from 'pg-boss';
import { auditContextOf } from '../auth/auth.views';
import { AppError } from '../errors/app-error';
import { DomainMetrics } from '../metrics/domain-metrics';
import { JOB_BOSS } from './job-boss.provider';
import { toJobView } from './job-view';
import { JobsRepository } from './jobs.repository';

@Injectable()
export class JobsService implements JobsServiceContract, OnModuleInit, OnModuleDestroy {
  private unregisterDepths: (() => void) | null = null;

  constructor(
    private readonly jobs: JobsRepository,
    private readonly metrics: DomainMetrics,
    @Inject(JOB_BOSS) private readonly boss: PgBoss,
  ) {}

  onModuleInit(): void {
    // prmbas_queue_depth{queue,state}: read from pg-boss at every scrape.
    this.unregisterDepths = this.metrics.registerQueueDepthSource(() => queueDepths(this.boss));
  }

  onModuleDestroy(): void {
    this.unregisterDepths?.();
  }

  /**
   * `within.before` runs first in the enqueue transaction: a domain creates the row the job is
   * for there (a training run), so the row, the job and their audit rows commit together.
   */
  async create(request: TCreateJobRequest, actor: Actor, within: { before?(tx: Prisma.TransactionClient): Promise<void> } = {}): Promise<TJob> {
    const audit = auditContextOf(actor);
    const input: EnqueueJobInput = {
      kind: request.kind,
      payload: request.payload,
      requirements: request.requirements,
      maxAttempts: request.maxAttempts,
      priority: request.priority,
      createdById: audit.actor.userId ?? null,
    };
    let before: (tx: Prisma.TransactionClient) => Promise<void>;
    switch (request.kind) {
      case 'dataset.build': {
        const id = request.payload.datasetVersionId;
        input.datasetVersionId = id;
        before = async (tx) => {
          const version = await this.jobs.lockDatasetVersion(tx, id);
          if (!version) throw AppError.notFound('dataset version', id, { param: 'payload.datasetVersionId' });
          if (version.status !== 'building' && version.status !== 'failed') {
            throw AppError.conflict(`dataset version '${id}' is ${version.status}: build into a new version`, { param: 'payload.datasetVersionId' });
          }
          const busy = await this.jobs.activeJobFor(tx, { datasetVersionId: id }, jobKindEnum('dataset.build'));
          if (busy) throw AppError.conflict(`dataset version '${id}' is already being built by job '${busy.id}'`, { param: 'payload.datasetVersionId' });
        };
        break;
      }
      case 'prm.train': {
        const id = request.payload.trainingRunId;
        input.trainingRunId = id;
        before = async (tx) => {
          const run = await this.jobs.lockTrainingRun(tx, id);
          if (!run) throw AppError.notFound('training run', id, { param: 'payload.trainingRunId' });
          if (run.status === 'running' || run.status === 'succeeded') throw AppError.conflict(`training run '${id}' is ${run.status}`, { param: 'payload.trainingRunId' });
          const busy = await this.jobs.activeJobFor(tx, { trainingRunId: id }, jobKindEnum('prm.train'));
          if (busy) throw AppError.conflict(`training run '${id}' already has job '${busy.id}'`, { param: 'payload.trainingRunId' });
          const config = ZTrainingRunConfig.safeParse(run.config);
          if (!config.success) {
            const issue = config.error.issues[0];
            throw AppError.unprocessable(`training run '${id}' has an invalid config: ${issue?.path.join('.') || 'config'}: ${issue?.message}`, { param: 'payload.trainingRunId' });
          }
          if (run.datasetVersion.status !== 'ready' && run.datasetVersion.status !== 'frozen') {
            throw AppError.conflict(`training run '${id}' trains on dataset version '${run.datasetVersionId}', which is ${run.datasetVersion.status}`, { param: 'payload.trainingRunId' });
          }
          input.datasetVersionId = run.datasetVersionId;
          // A failed or cancelled run enqueued again resumes from its checkpoints.
          await this.jobs.resetTrainingRun(tx, id);
        };
        break;
      }
      case 'eval.run': {
        const p = request.payload;
        p.strategies.forEach((s, i) => {
          try {
            parseSearchConfig(s.config);
          } catch (error) {
            if (!(error instanceof SearchConfigError)) throw error;
            const issues = error.issues.map((issue) => ({ path: `payload.strategies.${i}.config.${issue.field.split('.').slice(1).join('.')}`.replace(/\.$/, ''), message: issue.message }));
            throw AppError.validation(`payload.strategies.${i}.config: ${error.message}`, { param: `payload.strategies.${i}.config`, issues });
          }
          if (p.prm.kind === 'none' && PRM_STRATEGIES.includes(s.config['strategy'] as never)) {
            throw AppError.validation(`payload.prm: strategy '${s.name}' (${String(s.config['strategy'])}) needs a PRM (kind mc or model)`, { param: 'payload.prm' });
          }
        });
        if (p.source.kind === 'dataset') {
          if (!(await this.jobs.datasetVersionExists(p.source.datasetVersionId))) throw AppError.notFound('dataset version', p.source.datasetVersionId, { param: 'payload.source.datasetVersionId' });
          input.datasetVersionId = p.source.datasetVersionId;
        }
        if (p.prm.kind === 'model') {
          if (!(await this.jobs.modelVersionExists(p.prm.modelVersionId))) throw AppError.notFound('model version', p.prm.modelVersionId, { param: 'payload.prm.modelVersionId' });
          input.modelVersionId = p.prm.modelVersionId;
        }
        before = async () => {};
        break;
      }
    }
    const job = await this.jobs.enqueue(input, {
      before: async (tx) => {
        await within.before?.(tx);
        await before(tx);
      },
      after: (tx, created) => writeAuditLog(tx, audit, { action: 'job.create', entityType: 'job', entityId: created.id, after: created }).then(() => {}),
    });
    return toJobView(job);
  }

  async cancel({ id }: TCancelJobRequest, actor: Actor): Promise<TJob> {
    const result = await this.jobs.cancel(id, async (tx, before, after) => {
      await writeAuditLog(tx, auditContextOf(actor), { action: 'job.cancel', entityType: 'job', entityId: id, before, after });
    });
    if (!result) throw AppError.notFound('job', id, { param: 'id' });
    if (!result.changed && result.job.status !== 'running') {
      throw AppError.conflict(`job '${id}' is ${result.job.status}; only queued or running jobs can be cancelled`, { param: 'id' });
    }
    return toJobView(result.job);
  }

  async get({ id }: TGetJobRequest): Promise<TJob> {
    const job = await this.jobs.findById(id);
    if (!job) throw AppError.notFound('job', id, { param: 'id' });
    return toJobView(job);
  }

  async find(filter: TFindJobsRequest): Promise<TFindJobsResponse> {
    const rows = await this.jobs.find(filter);
    const page = rows.slice(0, filter.limit);
    return { items: page.map(toJobView), nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null };
  }
}

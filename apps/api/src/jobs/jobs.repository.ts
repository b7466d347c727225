/** The only place the jobs domain touches Prisma (and pg-boss, through @prmbas/db's job ledger). */
import { Inject, Injectable } from '@nestjs/common';
import type { TFindJobsRequest } from '@prmbas/contracts';
import { enqueueJob, jobKindEnum, requestJobCancel, type Db, type EnqueueHooks, type EnqueueJobInput, type Job, type Prisma, type PrismaClient } from '@prmbas/db';
import type PgBoss from 'pg-boss';
import { PRISMA } from '../database/prisma.token';
import { JOB_BOSS } from './job-boss.provider';

@Injectable()
export class JobsRepository {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(JOB_BOSS) private readonly boss: PgBoss,
  ) {}

  enqueue(input: EnqueueJobInput, hooks: EnqueueHooks): Promise<Job> {
    return enqueueJob(this.prisma, this.boss, input, hooks);
  }

  cancel(id: string, after: (tx: Prisma.TransactionClient, before: Job, after: Job) => Promise<void>) {
    return requestJobCancel(this.prisma, this.boss, id, { after });
  }

  findById(id: string): Promise<Job | null> {
    return this.prisma.job.findUnique({ where: { id } });
  }

  /** Newest first (ids are UUIDv7, time-ordered); `cursor` = the last id of the previous page. */
  find(filter: TFindJobsRequest): Promise<Job[]> {
    return this.prisma.job.findMany({
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.kind ? { kind: jobKindEnum(filter.kind) } : {}),
        ...(filter.cursor ? { id: { lt: filter.cursor } } : {}),
      },
      orderBy: { id: 'desc' },
      take: filter.limit + 1,
    });
  }

  // What jobs are for, read (and locked) inside the enqueue transaction.

  async lockDatasetVersion(db: Db, id: string) {
    await db.$queryRaw`SELECT id FROM dataset_versions WHERE id = ${id}::uuid FOR UPDATE`;
    return db.datasetVersion.findUnique({ where: { id }, select: { id: true, status: true } });
  }

  async lockTrainingRun(db: Db, id: string) {
    await db.$queryRaw`SELECT id FROM training_runs WHERE id = ${id}::uuid FOR UPDATE`;
    return db.trainingRun.findUnique({ where: { id }, select: { id: true, status: true, config: true, datasetVersionId: true, datasetVersion: { select: { status: true } } } });
  }

  resetTrainingRun(db: Db, id: string) {
    return db.trainingRun.update({ where: { id }, data: { status: 'queued', error: null, cancelRequestedAt: null, finishedAt: null } });
  }

  /** A queued or running job of `kind` for the run or dataset version, if any. */
  activeJobFor(db: Db, where: { trainingRunId?: string; datasetVersionId?: string }, kind: Job['kind']): Promise<Job | null> {
    return db.job.findFirst({ where: { ...where, kind, status: { in: ['queued', 'running'] } } });
  }

  datasetVersionExists(id: string): Promise<boolean> {
    return this.prisma.datasetVersion.count({ where: { id } }).then((n) => n > 0);
  }

  modelVersionExists(id: string): Promise<boolean> {
    return this.prisma.modelVersion.count({ where: { id } }).then((n) => n > 0);
  }
}

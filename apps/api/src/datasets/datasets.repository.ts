/**
 * Datasets and their versions in Postgres (the only datasets file besides the other
 * `*.repository.ts` here that touches Prisma): lists with stats computed in SQL, the build
 * (version + job in one transaction), freeze and delete. Every mutation commits with its audit row.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { TDatasetStats } from '@prmbas/contracts';
import { auditedMutation, jobKindEnum, Prisma, writeAuditLog, type AuditContext, type Dataset, type DatasetVersion, type Db, type Job, type PrismaClient } from '@prmbas/db';
import { PRISMA } from '../database/prisma.token';
import { AppError } from '../errors/app-error';
import { refusingFrozen } from './frozen-version';

const USER_REF = { select: { id: true, email: true } } as const;
export const VERSION_INCLUDE = { createdBy: USER_REF, frozenBy: USER_REF } satisfies Prisma.DatasetVersionInclude;
export type VersionRow = Prisma.DatasetVersionGetPayload<{ include: typeof VERSION_INCLUDE }>;
export type DatasetRow = Dataset & { createdBy: { id: string; email: string } | null; _count: { versions: number } };

/** A version with what its view needs besides the row: its stats and its newest build job. */
export interface VersionDetail {
  row: VersionRow;
  stats: TDatasetStats;
  build: Job | null;
}

const EMPTY_STATS: TDatasetStats = { questions: 0, solutions: 0, steps: 0, siblingSteps: 0, siblingGroups: 0, pairs: 0, meanValue: 0, positiveStepShare: 0, correctShare: 0, labelledSteps: 0 };

type StatsRow = {
  v: string;
  questions: bigint;
  solutions: bigint;
  correct: bigint;
  steps: bigint;
  sibling_steps: bigint;
  positive: bigint;
  value_sum: number | null;
  groups: bigint;
  pairs: bigint;
  labelled: bigint;
};

export interface NewBuildingVersion {
  id: string;
  datasetId: string;
  parentVersionId: string | null;
  createdById: string | null;
  /** The build's budget knobs (the job payload's `build`). */
  config: Record<string, unknown>;
}

@Injectable()
export class DatasetsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  // ─── datasets ───

  async createDataset(audit: AuditContext, data: { name: string; description: string | null; createdById: string | null }): Promise<DatasetRow> {
    try {
      return await auditedMutation(this.prisma, audit, async (tx) => {
        const dataset = await tx.dataset.create({ data, include: { createdBy: USER_REF, _count: { select: { versions: true } } } });
        return { result: dataset, audit: { action: 'dataset.create', entityType: 'dataset', entityId: dataset.id, after: dataset } };
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw AppError.conflict(`a dataset named '${data.name}' already exists`, { param: 'name' });
      throw error;
    }
  }

  findDatasets(filter: { query?: string; limit: number; cursor?: string }): Promise<DatasetRow[]> {
    return this.prisma.dataset.findMany({
      where: {
        ...(filter.query ? { name: { contains: filter.query, mode: 'insensitive' } } : {}),
        ...(filter.cursor ? { id: { lt: filter.cursor } } : {}),
      },
      orderBy: { id: 'desc' },
      take: filter.limit + 1,
      include: { createdBy: USER_REF, _count: { select: { versions: true } } },
    });
  }

  findDataset(id: string): Promise<DatasetRow | null> {
    return this.prisma.dataset.findUnique({ where: { id }, include: { createdBy: USER_REF, _count: { select: { versions: true } } } });
  }

  // ─── versions ───

  /** The highest-numbered version of each dataset. */
  async latestVersions(datasetIds: string[]): Promise<Map<string, VersionDetail>> {
    const rows = await this.prisma.datasetVersion.findMany({
      where: { datasetId: { in: datasetIds } },
      orderBy: [{ datasetId: 'asc' }, { version: 'desc' }],
      distinct: ['datasetId'],
      include: VERSION_INCLUDE,
    });
    const details = await this.details(rows);
    return new Map(details.map((d) => [d.row.datasetId, d]));
  }

  async versionsOf(datasetId: string): Promise<VersionDetail[]> {
    const rows = await this.prisma.datasetVersion.findMany({ where: { datasetId }, orderBy: { version: 'desc' }, include: VERSION_INCLUDE });
    return this.details(rows);
  }

  async findVersion(id: string): Promise<VersionDetail | null> {
    const row = await this.prisma.datasetVersion.findUnique({ where: { id }, include: VERSION_INCLUDE });
    return row ? (await this.details([row]))[0]! : null;
  }

  findVersionRow(id: string): Promise<VersionRow | null> {
    return this.prisma.datasetVersion.findUnique({ where: { id }, include: VERSION_INCLUDE });
  }

  /**
   * A building version, written in the transaction of the `dataset.build` job that will build it
   * (JobsService.create's `before`), with its audit row: there is never a version no job will
   * build, nor a job for a version that does not exist. Its id is chosen beforehand: the job's
   * payload names it.
   */
  async createBuildingVersion(tx: Prisma.TransactionClient, audit: AuditContext, data: NewBuildingVersion): Promise<void> {
    const number = await this.nextVersionNumber(tx, data.datasetId);
    if (data.parentVersionId) await this.requireVersion(tx, data.parentVersionId, 'parentVersionId');
    const version = await tx.datasetVersion.create({
      data: {
        id: data.id,
        datasetId: data.datasetId,
        version: number,
        status: 'building',
        config: data.config as Prisma.InputJsonObject,
        // The worker writes the full header (suite digest, builder version) on its first attempt.
        header: {},
        parentVersionId: data.parentVersionId,
        createdById: data.createdById,
      },
    });
    await writeAuditLog(tx, audit, { action: 'dataset_version.create', entityType: 'dataset_version', entityId: version.id, after: version });
  }

  /** Ready → frozen. Building / failed versions cannot be frozen (409); a frozen one is 409 too. */
  freezeVersion(audit: AuditContext, id: string, userId: string | null): Promise<void> {
    return auditedMutation(this.prisma, audit, async (tx) => {
      const before = await this.lockVersion(tx, id, 'id');
      if (before.status === 'frozen') throw AppError.conflict(`dataset version '${id}' is already frozen`, { param: 'id' });
      if (before.status !== 'ready') throw AppError.conflict(`dataset version '${id}' is ${before.status}: only a ready version can be frozen`, { param: 'id' });
      const after = await tx.datasetVersion.update({ where: { id }, data: { status: 'frozen', frozenAt: new Date(), frozenById: userId } });
      return { result: undefined, audit: { action: 'dataset_version.freeze', entityType: 'dataset_version', entityId: id, before, after } };
    });
  }

  /**
   * Deletes a version and its records. Frozen versions are kept (422: the triggers would allow it,
   * but a frozen version is a published artefact); versions a training run or model version used
   * are kept by their Restrict foreign keys (409), as is one with a build job at work.
   */
  async deleteVersion(audit: AuditContext, id: string): Promise<void> {
    try {
      await auditedMutation(this.prisma, audit, async (tx) => {
        const before = await this.lockVersion(tx, id, 'id');
        if (before.status === 'frozen') throw AppError.unprocessable(`dataset version '${id}' is frozen and cannot be deleted`, { param: 'id', code: 'dataset_version_frozen' });
        const busy = await tx.job.findFirst({ where: { datasetVersionId: id, kind: jobKindEnum('dataset.build'), status: { in: ['queued', 'running'] } } });
        if (busy) throw AppError.conflict(`dataset version '${id}' is being built by job '${busy.id}': cancel it first`, { param: 'id' });
        await tx.datasetVersion.delete({ where: { id } });
        return { result: undefined, audit: { action: 'dataset_version.delete', entityType: 'dataset_version', entityId: id, before } };
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') {
        throw AppError.conflict(`dataset version '${id}' is used by a training run or model version and cannot be deleted`, { param: 'id' });
      }
      throw error;
    }
  }

  // ─── shared by the writers of this module ───

  /** Locks the dataset row (serialising version numbers) and returns the next number. */
  async nextVersionNumber(tx: Db, datasetId: string): Promise<number> {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM datasets WHERE id = ${datasetId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw AppError.notFound('dataset', datasetId, { param: 'datasetId' });
    const top = await tx.datasetVersion.aggregate({ where: { datasetId }, _max: { version: true } });
    return (top._max.version ?? 0) + 1;
  }

  async requireVersion(tx: Db, id: string, param: string): Promise<DatasetVersion> {
    const version = await tx.datasetVersion.findUnique({ where: { id } });
    if (!version) throw AppError.notFound('dataset version', id, { param });
    return version;
  }

  /** The version row, locked for the rest of the transaction (freeze and edits serialise on it). */
  async lockVersion(tx: Db, id: string, param: string): Promise<DatasetVersion> {
    await tx.$queryRaw`SELECT id FROM dataset_versions WHERE id = ${id}::uuid FOR UPDATE`;
    return this.requireVersion(tx, id, param);
  }

  /** Runs `write` and maps the freeze triggers' refusal to 422 (see frozen-version.ts). */
  guardFrozen<T>(write: () => Promise<T>, param?: string): Promise<T> {
    return refusingFrozen(write, param);
  }

  // ─── stats ───

  private async details(rows: VersionRow[]): Promise<VersionDetail[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [stats, jobs] = await Promise.all([this.statsOf(ids), this.latestBuildJobs(ids)]);
    return rows.map((row) => ({ row, stats: stats.get(row.id) ?? EMPTY_STATS, build: jobs.get(row.id) ?? null }));
  }

  private async latestBuildJobs(versionIds: string[]): Promise<Map<string, Job>> {
    const jobs = await this.prisma.job.findMany({
      where: { datasetVersionId: { in: versionIds }, kind: jobKindEnum('dataset.build') },
      orderBy: [{ datasetVersionId: 'asc' }, { createdAt: 'desc' }],
      distinct: ['datasetVersionId'],
    });
    return new Map(jobs.map((j) => [j.datasetVersionId!, j]));
  }

  /**
   * The numbers `summariseDataset` (@prmbas/rollouts) reports, computed in SQL so a version of any
   * size costs one query and a building version shows what is stored so far: groups are states
   * with at least one sibling; pairs are ordered pairs within a group with v_i > v_j (eps 0).
   */
  async statsOf(versionIds: string[]): Promise<Map<string, TDatasetStats>> {
    const rows = await this.prisma.$queryRaw<StatsRow[]>`
      WITH v AS (SELECT unnest(${versionIds}::uuid[]) AS id),
      q AS (SELECT dataset_version_id AS v, count(*) AS n FROM dataset_questions WHERE dataset_version_id IN (SELECT id FROM v) GROUP BY 1),
      s AS (SELECT dataset_version_id AS v, count(*) AS n, count(*) FILTER (WHERE correct) AS correct
              FROM dataset_solutions WHERE dataset_version_id IN (SELECT id FROM v) GROUP BY 1),
      st AS (SELECT s.dataset_version_id AS v,
                    count(*) FILTER (WHERE t.sibling_index = 0) AS steps,
                    count(*) FILTER (WHERE t.sibling_index > 0) AS sibling_steps,
                    count(*) FILTER (WHERE t.sibling_index = 0 AND t.value > 0) AS positive,
                    sum(t.value) FILTER (WHERE t.sibling_index = 0) AS value_sum,
                    count(DISTINCT t.group_id) FILTER (WHERE t.sibling_index > 0) AS groups
               FROM dataset_steps t JOIN dataset_solutions s ON s.id = t.solution_id
              WHERE s.dataset_version_id IN (SELECT id FROM v) GROUP BY 1),
      p AS (SELECT s.dataset_version_id AS v, count(*) AS pairs
              FROM dataset_steps a JOIN dataset_steps b ON b.group_id = a.group_id AND a.value > b.value
              JOIN dataset_solutions s ON s.id = a.solution_id
             WHERE s.dataset_version_id IN (SELECT id FROM v) GROUP BY 1),
      l AS (SELECT s.dataset_version_id AS v, count(DISTINCT lab.step_id) AS labelled
              FROM dataset_step_labels lab JOIN dataset_steps t ON t.id = lab.step_id JOIN dataset_solutions s ON s.id = t.solution_id
             WHERE s.dataset_version_id IN (SELECT id FROM v) GROUP BY 1)
      SELECT v.id::text AS v, coalesce(q.n, 0) AS questions, coalesce(s.n, 0) AS solutions, coalesce(s.correct, 0) AS correct,
             coalesce(st.steps, 0) AS steps, coalesce(st.sibling_steps, 0) AS sibling_steps, coalesce(st.positive, 0) AS positive,
             st.value_sum, coalesce(st.groups, 0) AS groups, coalesce(p.pairs, 0) AS pairs, coalesce(l.labelled, 0) AS labelled
        FROM v LEFT JOIN q ON q.v = v.id LEFT JOIN s ON s.v = v.id LEFT JOIN st ON st.v = v.id LEFT JOIN p ON p.v = v.id LEFT JOIN l ON l.v = v.id`;
    return new Map(
      rows.map((r) => {
        const steps = Number(r.steps);
        const solutions = Number(r.solutions);
        return [
          r.v,
          {
            questions: Number(r.questions),
            solutions,
            steps,
            siblingSteps: Number(r.sibling_steps),
            siblingGroups: Number(r.groups),
            pairs: Number(r.pairs),
            meanValue: steps > 0 ? Number(r.value_sum ?? 0) / steps : 0,
            positiveStepShare: steps > 0 ? Number(r.positive) / steps : 0,
            correctShare: solutions > 0 ? Number(r.correct) / solutions : 0,
            labelledSteps: Number(r.labelled),
          },
        ];
      }),
    );
  }
}

/** The only place the training domain touches Prisma: runs, their metric series, workers. */
import { Inject, Injectable } from '@nestjs/common';
import type { TFindTrainingRunsRequest } from '@prmbas/contracts';
import { jobKindEnum, liveWorkers, type Db, type Prisma, type PrismaClient, type Worker } from '@prmbas/db';
import { PRISMA } from '../database/prisma.token';

/** What a run view shows besides the row: dataset lineage, worker, newest job, model version, creator. */
export const RUN_VIEW_INCLUDE = {
  datasetVersion: { select: { id: true, version: true, status: true, digest: true, recordCount: true, dataset: { select: { id: true, name: true } } } },
  worker: { select: { id: true, hostname: true, backend: true, gpu: true } },
  createdBy: { select: { id: true, email: true } },
  jobs: { where: { kind: jobKindEnum('prm.train') }, orderBy: { createdAt: 'desc' }, take: 1, select: { id: true, status: true, queue: true, attempts: true, error: true } },
  modelVersions: { orderBy: { version: 'desc' }, take: 1, select: { id: true, version: true, name: true } },
} as const satisfies Prisma.TrainingRunInclude;

export type RunWithLineage = Prisma.TrainingRunGetPayload<{ include: typeof RUN_VIEW_INCLUDE }>;

export interface StoredMetricPoint {
  name: string;
  step: number;
  value: number;
  recordedAt: Date;
}

/** Which points a metrics read wants: per-series cursor, default step, time, names, how many. */
export interface MetricPointFilter {
  names?: readonly string[];
  after?: Readonly<Record<string, number>>;
  sinceStep?: number;
  sinceTime?: Date;
  limit: number;
}

export type RunStatusRow = Prisma.TrainingRunGetPayload<{ select: { id: true; status: true; progress: true; step: true; totalSteps: true; error: true } }>;

@Injectable()
export class TrainingRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  // ── runs ──

  createRun(db: Db, data: { id: string; name: string | null; datasetVersionId: string; config: Prisma.InputJsonObject; createdById: string | null }) {
    return db.trainingRun.create({ data });
  }

  findRun(id: string): Promise<RunWithLineage | null> {
    return this.prisma.trainingRun.findUnique({ where: { id }, include: RUN_VIEW_INCLUDE });
  }

  findRunsByIds(ids: readonly string[]): Promise<RunWithLineage[]> {
    return this.prisma.trainingRun.findMany({ where: { id: { in: [...ids] } }, include: RUN_VIEW_INCLUDE });
  }

  /** Newest first (ids are UUIDv7); `cursor` = the last id of the previous page. One extra row says whether more exist. */
  findRuns(filter: TFindTrainingRunsRequest): Promise<RunWithLineage[]> {
    return this.prisma.trainingRun.findMany({
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.datasetVersionId ? { datasetVersionId: filter.datasetVersionId } : {}),
        ...(filter.cursor ? { id: { lt: filter.cursor } } : {}),
      },
      orderBy: { id: 'desc' },
      take: filter.limit + 1,
      include: RUN_VIEW_INCLUDE,
    });
  }

  runStatus(id: string): Promise<RunStatusRow | null> {
    return this.prisma.trainingRun.findUnique({ where: { id }, select: { id: true, status: true, progress: true, step: true, totalSteps: true, error: true } });
  }

  /** The queued or running `prm.train` job of a run, if any. */
  activeJobOf(runId: string) {
    return this.prisma.job.findFirst({
      where: { trainingRunId: runId, kind: jobKindEnum('prm.train'), status: { in: ['queued', 'running'] } },
      orderBy: { createdAt: 'desc' },
      select: { id: true },
    });
  }

  // ── what a run is trained on ──

  datasetVersion(id: string) {
    return this.prisma.datasetVersion.findUnique({ where: { id }, select: { id: true, status: true } });
  }

  /** Step rows of a version (each solution step and each sibling): the examples a PRM trains on. */
  countDatasetSteps(datasetVersionId: string): Promise<number> {
    return this.prisma.datasetStep.count({ where: { solution: { datasetVersionId } } });
  }

  liveWorkers(): Promise<Worker[]> {
    return liveWorkers(this.prisma);
  }

  // ── metric series ──

  /**
   * Points ordered by (step, name), at most `limit + 1` (the extra one says "truncated"). With a
   * per-series cursor the condition is an OR of (name, step > n) ranges, each a range scan of the
   * (run_id, name, step) primary key.
   */
  metricPoints(runId: string, filter: MetricPointFilter): Promise<StoredMetricPoint[]> {
    const after = Object.entries(filter.after ?? {}).filter(([name]) => !filter.names || filter.names.includes(name));
    const defaultStep = filter.sinceStep ?? -1;
    const unknownNames: Prisma.StringFilter = { notIn: after.map(([name]) => name), ...(filter.names ? { in: [...filter.names] } : {}) };
    return this.prisma.metricPoint.findMany({
      where: {
        runId,
        ...(filter.sinceTime ? { recordedAt: { gt: filter.sinceTime } } : {}),
        OR: [...after.map(([name, step]) => ({ name, step: { gt: step } })), { name: unknownNames, step: { gt: defaultStep } }],
      },
      orderBy: [{ step: 'asc' }, { name: 'asc' }],
      take: filter.limit + 1,
      select: { name: true, step: true, value: true, recordedAt: true },
    });
  }

  /** Every point of the runs for these series (all series when `names` is omitted), by run, name, step. */
  metricPointsOfRuns(runIds: readonly string[], names?: readonly string[]) {
    return this.prisma.metricPoint.findMany({
      where: { runId: { in: [...runIds] }, ...(names ? { name: { in: [...names] } } : {}) },
      orderBy: [{ runId: 'asc' }, { name: 'asc' }, { step: 'asc' }],
      select: { runId: true, name: true, step: true, value: true },
    });
  }

  /**
   * The newest point of every series of each run. A loose index scan (recursive CTE stepping from
   * one series name to the next) plus one index lookup per series: cheap however long the series
   * are, unlike DISTINCT ON over all points.
   */
  latestMetricPoints(runIds: readonly string[]): Promise<{ runId: string; name: string; step: number; value: number }[]> {
    if (runIds.length === 0) return Promise.resolve([]);
    return this.prisma.$queryRaw<{ runId: string; name: string; step: number; value: number }[]>`
      WITH RECURSIVE series AS (
        SELECT r.id AS run_id, (SELECT min(m.name) FROM training_metrics m WHERE m.run_id = r.id) AS name
          FROM unnest(${[...runIds]}::uuid[]) AS r(id)
        UNION ALL
        SELECT s.run_id, (SELECT min(m.name) FROM training_metrics m WHERE m.run_id = s.run_id AND m.name > s.name)
          FROM series s WHERE s.name IS NOT NULL
      )
      SELECT s.run_id::text AS "runId", s.name, newest.step, newest.value
        FROM series s
        CROSS JOIN LATERAL (
          SELECT m.step, m.value FROM training_metrics m WHERE m.run_id = s.run_id AND m.name = s.name ORDER BY m.step DESC LIMIT 1
        ) newest
       WHERE s.name IS NOT NULL`;
  }
}

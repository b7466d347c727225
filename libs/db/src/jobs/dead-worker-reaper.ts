/**
 * Hands the jobs of dead workers back to pg-boss.
 *
 * A worker is dead when it has missed its heartbeat for longer than the `staleAfterMs` it
 * registered (in `workers.capabilities`), when it recorded a stop, or when its row is gone. Each
 * of its `running` jobs is settled in one transaction that locks our row and pg-boss' row:
 *   - cancel requested → cancelled;
 *   - pg-boss still has the dead attempt active → fail it there (pg-boss re-offers it after
 *     retryDelay, or fails it for good on the last attempt) and mark the row queued / failed;
 *   - pg-boss already re-offered it (backstop expiry) or another worker fetched it → queued, and
 *     pg-boss is left alone (failing it now would kill the new attempt);
 *   - otherwise the row follows pg-boss' final state.
 * Every worker and the API run this periodically; SKIP LOCKED lets them do so concurrently, and
 * all comparisons use the database clock, so machines' clocks do not matter.
 *
 * A second pass catches orphaned fetches: a job pg-boss has handed out (active) that no worker
 * claimed within `defaultStaleAfterMs` — its fetcher died between fetch and claim, a window of
 * milliseconds. pg-boss fails it, so it is offered again.
 *
 * pg-boss' `job` table is read directly (state, retry_count, under FOR UPDATE): its public
 * getJobById cannot lock, and returns `interval` columns a Prisma transaction cannot read.
 */
import type PgBoss from 'pg-boss';
import type { PrismaClient } from '../client';
import type { JobStatus, Prisma } from '../generated/prisma/client';
import { bossDbOf, JOB_BOSS_SCHEMA } from './job-boss';

/** Used for workers that did not register a staleAfterMs. */
export const DEFAULT_STALE_AFTER_MS = 30_000;

export interface ReapOptions {
  defaultStaleAfterMs?: number;
  /** Only this worker's jobs, whatever its heartbeat (a worker restarting under the same id). */
  workerId?: string;
  /** Most jobs settled per call. */
  limit?: number;
}

export interface ReapedJob {
  jobId: string;
  workerId: string | null;
  attempt: number;
  status: JobStatus;
  bossState: string | null;
}

interface DeadJobRow {
  id: string;
  queue: string;
  attempts: number;
  worker_id: string | null;
  cancel_requested: boolean;
  training_run_id: string | null;
}

export async function reapDeadWorkerJobs(prisma: PrismaClient, boss: PgBoss, options: ReapOptions = {}): Promise<ReapedJob[]> {
  const staleMs = options.defaultStaleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const limit = options.limit ?? 20;
  return prisma.$transaction(async (tx) => {
    const rows = options.workerId
      ? await tx.$queryRaw<DeadJobRow[]>`
          SELECT j.id, j.queue, j.attempts, j.worker_id, j.cancel_requested_at IS NOT NULL AS cancel_requested, j.training_run_id
          FROM jobs j WHERE j.status = 'running' AND j.worker_id = ${options.workerId}
          ORDER BY j.updated_at LIMIT ${limit} FOR UPDATE OF j SKIP LOCKED`
      : await tx.$queryRaw<DeadJobRow[]>`
          SELECT j.id, j.queue, j.attempts, j.worker_id, j.cancel_requested_at IS NOT NULL AS cancel_requested, j.training_run_id
          FROM jobs j LEFT JOIN workers w ON w.id = j.worker_id
          WHERE j.status = 'running' AND (
            w.id IS NULL OR w.stopped_at IS NOT NULL
            OR w.last_heartbeat_at < now() - make_interval(secs => COALESCE((w.capabilities->>'staleAfterMs')::float8, ${staleMs}::float8) / 1000))
          ORDER BY j.updated_at LIMIT ${limit} FOR UPDATE OF j SKIP LOCKED`;

    const reaped: ReapedJob[] = [];
    for (const row of rows) {
      const db = bossDbOf(tx);
      const [boss_] = await tx.$queryRawUnsafe<{ state: string; retry_count: number; retry_limit: number }[]>(
        `SELECT state::text AS state, retry_count, retry_limit FROM ${JOB_BOSS_SCHEMA}.job WHERE name = $1 AND id = $2::uuid FOR UPDATE`,
        row.queue,
        row.id,
      );
      const who = row.worker_id ? `worker ${row.worker_id}` : 'its worker';
      let status: JobStatus;
      let error: string | null = `${who} stopped heartbeating during attempt ${row.attempts}`;
      const state = boss_?.state ?? null;
      if (row.cancel_requested) {
        if (state === 'created' || state === 'retry' || state === 'active') await boss.cancel(row.queue, row.id, db);
        status = 'cancelled';
        error = null;
      } else if (state === 'active' && boss_!.retry_count === row.attempts - 1) {
        await boss.fail(row.queue, row.id, { message: error }, db);
        status = boss_!.retry_count < boss_!.retry_limit ? 'queued' : 'failed';
      } else if (state === 'created' || state === 'retry' || state === 'active') {
        status = 'queued';
      } else if (state === 'cancelled') {
        status = 'cancelled';
      } else {
        status = 'failed';
        error = state === null ? `${error}; its pg-boss job is gone` : `${error}; pg-boss has it ${state} without a recorded outcome`;
      }
      const terminal = status === 'failed' || status === 'cancelled';
      await tx.job.update({ where: { id: row.id }, data: { status, error, ...(terminal ? { finishedAt: new Date() } : {}) } });
      if (row.training_run_id) {
        await tx.trainingRun.update({
          where: { id: row.training_run_id },
          data: { status, ...(status === 'failed' ? { error } : {}), ...(terminal ? { finishedAt: new Date() } : {}) },
        });
      }
      reaped.push({ jobId: row.id, workerId: row.worker_id, attempt: row.attempts, status, bossState: state });
    }
    if (!options.workerId) reaped.push(...(await reapOrphanedFetches(tx, boss, staleMs, limit)));
    return reaped;
  });
}

async function reapOrphanedFetches(tx: Prisma.TransactionClient, boss: PgBoss, staleMs: number, limit: number): Promise<ReapedJob[]> {
  const rows = await tx.$queryRawUnsafe<{ id: string; queue: string; attempts: number; training_run_id: string | null }[]>(
    `SELECT j.id, j.queue, j.attempts, j.training_run_id FROM jobs j
     JOIN ${JOB_BOSS_SCHEMA}.job b ON b.name = j.queue AND b.id = j.id
     WHERE j.status = 'queued' AND b.state = 'active' AND b.started_on < now() - make_interval(secs => $1::float8 / 1000)
     ORDER BY b.started_on LIMIT $2 FOR UPDATE OF j SKIP LOCKED`,
    staleMs,
    limit,
  );
  const reaped: ReapedJob[] = [];
  for (const row of rows) {
    const [locked] = await tx.$queryRawUnsafe<{ retry_count: number; retry_limit: number }[]>(
      `SELECT retry_count, retry_limit FROM ${JOB_BOSS_SCHEMA}.job WHERE name = $1 AND id = $2::uuid AND state = 'active' FOR UPDATE`,
      row.queue,
      row.id,
    );
    if (!locked) continue;
    const error = 'fetched by a worker that died before starting it';
    await boss.fail(row.queue, row.id, { message: error }, bossDbOf(tx));
    const status: JobStatus = locked.retry_count < locked.retry_limit ? 'queued' : 'failed';
    const finished = status === 'failed' ? { finishedAt: new Date() } : {};
    await tx.job.update({ where: { id: row.id }, data: { status, error, ...finished } });
    if (row.training_run_id && status === 'failed') await tx.trainingRun.update({ where: { id: row.training_run_id }, data: { status, error, ...finished } });
    reaped.push({ jobId: row.id, workerId: null, attempt: row.attempts, status, bossState: 'active' });
  }
  return reaped;
}

/**
 * A worker's hold on one attempt of a job, and every write it makes under it.
 *
 * Attempt n of a job is the n-th time pg-boss handed it out (pg-boss' retryCount + 1). Claiming
 * records (worker, n) on the row; every later write by that worker — progress, the outcome — is
 * fenced on (worker, n, status running). When a worker is presumed dead and its job re-offered,
 * the next claim moves the row to attempt n+1, and anything the old worker still writes (it may
 * only have been frozen, not dead) matches nothing: it learns it lost the job and stops. That is
 * what keeps a job's outcome from being written twice.
 *
 * A linked training run mirrors its job's status (the enums have the same values).
 */
import type PgBoss from 'pg-boss';
import type { PrismaClient } from '../client';
import type { Job, Prisma } from '../generated/prisma/client';
import { bossDbOf } from './job-boss';

export interface JobLease {
  jobId: string;
  queue: string;
  workerId: string;
  attempt: number;
  trainingRunId: string | null;
  /** pg-boss' retry bookkeeping of this attempt: the last attempt has retryCount === retryLimit. */
  retryCount: number;
  retryLimit: number;
}

export type ClaimResult =
  | { claimed: true; job: Job; lease: JobLease }
  | { claimed: false; reason: 'missing' | 'cancelled' | 'finished' | 'superseded'; job: Job | null };

/** What pg-boss handed out: `fetch(queue, { includeMetadata: true })`. */
export interface FetchedBossJob {
  id: string;
  name: string;
  retryCount: number;
  retryLimit: number;
}

export async function claimJob(prisma: PrismaClient, fetched: FetchedBossJob, workerId: string): Promise<ClaimResult> {
  const attempt = fetched.retryCount + 1;
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ training_run_id: string | null }[]>`
      UPDATE jobs SET status = 'running', worker_id = ${workerId}, attempts = ${attempt},
        started_at = COALESCE(started_at, now()), updated_at = now()
      WHERE id = ${fetched.id}::uuid AND status IN ('queued', 'running') AND cancel_requested_at IS NULL AND attempts < ${attempt}
      RETURNING training_run_id`;
    const job = await tx.job.findUnique({ where: { id: fetched.id } });
    if (!rows[0] || !job) {
      const reason = !job ? 'missing' : job.cancelRequestedAt || job.status === 'cancelled' ? 'cancelled' : job.status === 'succeeded' || job.status === 'failed' ? 'finished' : 'superseded';
      return { claimed: false, reason, job };
    }
    if (job.trainingRunId) {
      await tx.$executeRaw`
        UPDATE training_runs SET status = 'running', worker_id = ${workerId}, started_at = COALESCE(started_at, now()), updated_at = now()
        WHERE id = ${job.trainingRunId}::uuid`;
    }
    const lease: JobLease = { jobId: job.id, queue: fetched.name, workerId, attempt, trainingRunId: job.trainingRunId, retryCount: fetched.retryCount, retryLimit: fetched.retryLimit };
    return { claimed: true, job, lease };
  });
}

function fenced(lease: JobLease): Prisma.JobWhereInput {
  return { id: lease.jobId, workerId: lease.workerId, attempts: lease.attempt, status: 'running' };
}

export interface RunProgress {
  /** 0..1 */
  progress: number;
  step?: number;
  totalSteps?: number;
}

/** Progress of the attempt (and of its training run). false: the lease is lost, stop working. */
export async function recordJobProgress(prisma: PrismaClient, lease: JobLease, progress: number, run?: RunProgress): Promise<boolean> {
  const value = Math.min(1, Math.max(0, progress));
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.job.updateMany({ where: fenced(lease), data: { progress: value } });
    if (count === 0) return false;
    if (lease.trainingRunId && run) {
      await tx.trainingRun.update({
        where: { id: lease.trainingRunId },
        data: { progress: Math.min(1, Math.max(0, run.progress)), step: run.step, totalSteps: run.totalSteps },
      });
    }
    return true;
  });
}

export type JobOutcome =
  /** `modelVersionId`: the model version the job produced (a training job), linked on the row. */
  | { status: 'succeeded'; result: Prisma.InputJsonObject; modelVersionId?: string }
  | { status: 'failed'; error: string }
  | { status: 'cancelled' }
  /** Handed back unfinished (graceful shutdown): offered again, never counted as the last attempt. */
  | { status: 'released'; reason: string };

/**
 * Records the outcome of the attempt and settles the pg-boss job in the same transaction.
 * Returns the row's new status, or 'lost' when the lease was lost (then nothing is written).
 */
export async function finishJob(prisma: PrismaClient, boss: PgBoss, lease: JobLease, outcome: JobOutcome): Promise<Job['status'] | 'lost'> {
  return prisma.$transaction(async (tx) => {
    const db = bossDbOf(tx);
    const now = new Date();
    const finalAttempt = lease.retryCount >= lease.retryLimit;
    let data: Prisma.JobUpdateManyMutationInput;
    switch (outcome.status) {
      case 'succeeded':
        data = { status: 'succeeded', result: outcome.result, progress: 1, error: null, finishedAt: now };
        break;
      case 'failed':
        data = finalAttempt ? { status: 'failed', error: outcome.error, finishedAt: now } : { status: 'queued', error: outcome.error };
        break;
      case 'cancelled':
        data = { status: 'cancelled', finishedAt: now };
        break;
      case 'released':
        data = { status: 'queued', error: `released: ${outcome.reason}` };
        break;
    }
    const { count } = await tx.job.updateMany({ where: fenced(lease), data });
    if (count === 0) return 'lost';
    if (outcome.status === 'succeeded' && outcome.modelVersionId) {
      await tx.job.update({ where: { id: lease.jobId }, data: { modelVersionId: outcome.modelVersionId } });
    }

    if (outcome.status === 'succeeded') await boss.complete(lease.queue, lease.jobId, { jobId: lease.jobId }, db);
    else if (outcome.status === 'cancelled') await boss.cancel(lease.queue, lease.jobId, db);
    else {
      await boss.fail(lease.queue, lease.jobId, { message: outcome.status === 'failed' ? outcome.error : outcome.reason }, db);
      // A release on the last attempt: pg-boss just failed it for good; `retry` puts it back
      // (and raises its retry limit by one), so a shutdown never costs a job its last chance.
      if (outcome.status === 'released' && finalAttempt) await boss.retry(lease.queue, lease.jobId, db);
    }

    if (lease.trainingRunId) {
      const status = data.status as Job['status'];
      await tx.trainingRun.update({
        where: { id: lease.trainingRunId },
        data: {
          status,
          ...(status === 'succeeded' ? { progress: 1, error: null } : {}),
          ...(outcome.status === 'failed' ? { error: outcome.error } : {}),
          ...(status === 'succeeded' || status === 'failed' || status === 'cancelled' ? { finishedAt: now } : {}),
        },
      });
    }
    return data.status as Job['status'];
  });
}

export type LeaseState = 'ok' | 'cancel' | 'lost';

/** For each held lease: still ours, cancel requested, or lost (re-offered, or finished by someone else). */
export async function checkLeases(prisma: PrismaClient, leases: readonly JobLease[]): Promise<Map<string, LeaseState>> {
  const out = new Map<string, LeaseState>();
  if (leases.length === 0) return out;
  const rows = await prisma.job.findMany({
    where: { id: { in: leases.map((l) => l.jobId) } },
    select: { id: true, status: true, workerId: true, attempts: true, cancelRequestedAt: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const lease of leases) {
    const row = byId.get(lease.jobId);
    if (!row || row.status !== 'running' || row.workerId !== lease.workerId || row.attempts !== lease.attempt) out.set(lease.jobId, 'lost');
    else out.set(lease.jobId, row.cancelRequestedAt ? 'cancel' : 'ok');
  }
  return out;
}

/**
 * Cancel: sets the cancel flag the worker polls (with its heartbeat) and cancels the pg-boss job.
 * A job nobody has started yet is cancelled on the spot; a running one stays `running` until its
 * worker notices the flag, stops, and records `cancelled` (or, if that worker is dead, until the
 * reaper does). pg-boss' cancel also covers an active job: a worker holding it can then neither
 * complete nor fail it, so it cannot be retried after the cancel.
 *
 * The row is locked first, so a cancel and a worker's claim of the same job are serialised: the
 * claim either sees the flag (and does not start) or came first (and the worker sees the flag).
 */
import type PgBoss from 'pg-boss';
import type { PrismaClient } from '../client';
import type { Job, Prisma } from '../generated/prisma/client';
import { bossDbOf } from './job-boss';

export type CancelJobResult = { job: Job; changed: boolean } | null;

/**
 * null when there is no such job; `changed` false when it had already finished or was being
 * cancelled. `after` runs in the cancel's transaction when it changed the job (its audit row).
 */
export async function requestJobCancel(
  prisma: PrismaClient,
  boss: PgBoss,
  jobId: string,
  hooks: { after?(tx: Prisma.TransactionClient, before: Job, after: Job): Promise<void> } = {},
): Promise<CancelJobResult> {
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM jobs WHERE id = ${jobId}::uuid FOR UPDATE`;
    if (locked.length === 0) return null;
    const before = await tx.job.findUniqueOrThrow({ where: { id: jobId } });
    if ((before.status !== 'queued' && before.status !== 'running') || before.cancelRequestedAt) return { job: before, changed: false };
    const now = new Date();
    const stopsNow = before.status === 'queued';
    const job = await tx.job.update({ where: { id: jobId }, data: { cancelRequestedAt: now, ...(stopsNow ? { status: 'cancelled', finishedAt: now } : {}) } });
    await boss.cancel(job.queue, job.id, bossDbOf(tx));
    if (job.trainingRunId) {
      await tx.trainingRun.update({
        where: { id: job.trainingRunId },
        data: { cancelRequestedAt: now, ...(stopsNow ? { status: 'cancelled', finishedAt: now } : {}) },
      });
    }
    await hooks.after?.(tx, before, job);
    return { job, changed: true };
  });
}

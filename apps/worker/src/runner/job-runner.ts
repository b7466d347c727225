/**
 * One fetched pg-boss job from claim to outcome: claim the row for this attempt (or settle a job
 * that was cancelled or finished meanwhile), run the kind's handler with a context, and record the
 * outcome together with pg-boss in one transaction (see finishJob in @prmbas/db).
 *
 * How the stop reasons end: a cancel records `cancelled`; a shutdown hands the job back (queued
 * again, to resume elsewhere); a lost lease writes nothing (the new attempt owns the row). Any other
 * error fails the attempt: pg-boss offers it again after its retry delay, until the last attempt,
 * which marks the job (and what it was building) failed.
 */
import { claimJob, finishJob, type BossJobData, type JobLease, type JobOutcome, type PrismaClient, type WorkerCapabilities } from '@prmbas/db';
import { jobKindName } from '@prmbas/db';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { JobContext, JobHandler } from '../handlers/job-handler';
import { JobStop, stopOf } from './job-stop';
import { ProgressWriter } from './progress-writer';

export interface RunningJob {
  lease: JobLease;
  controller: AbortController;
}

export interface JobRunnerDeps {
  prisma: PrismaClient;
  boss: PgBoss;
  workerId: string;
  capabilities: WorkerCapabilities;
  handlers: ReadonlyMap<string, JobHandler>;
  log: Logger;
  /** Called once the job is claimed (the worker tracks it for heartbeats and shutdown) and when it ends. */
  onStart(job: RunningJob): void;
  onEnd(job: RunningJob): void;
}

export async function runFetchedJob(deps: JobRunnerDeps, fetched: PgBoss.JobWithMetadata<BossJobData>): Promise<void> {
  const { prisma, boss, workerId } = deps;
  const claim = await claimJob(prisma, fetched, workerId);
  if (!claim.claimed) {
    const log = deps.log.child({ jobId: fetched.id, queue: fetched.name });
    // Settle pg-boss' copy so it is not offered again: the row already says how this job ended.
    if (claim.reason === 'cancelled') await boss.cancel(fetched.name, fetched.id);
    else if (claim.reason === 'finished' || claim.reason === 'missing') await boss.complete(fetched.name, fetched.id, { skipped: claim.reason });
    log.info({ reason: claim.reason }, 'job not run');
    return;
  }
  const { job, lease } = claim;
  const kind = jobKindName(job.kind);
  const log = deps.log.child({ jobId: job.id, kind, attempt: lease.attempt });
  const controller = new AbortController();
  const running: RunningJob = { lease, controller };
  const progress = new ProgressWriter(prisma, lease, () => controller.abort(new JobStop('lost', 'another attempt owns this job')), log);
  const ctx: JobContext = {
    job,
    lease,
    signal: controller.signal,
    progress: (fraction, run) => progress.update(fraction, run),
    prisma,
    workerId,
    capabilities: deps.capabilities,
    log,
  };
  deps.onStart(running);
  const started = Date.now();
  log.info({ queue: lease.queue, retryCount: lease.retryCount, retryLimit: lease.retryLimit }, 'job started');
  try {
    const handler = deps.handlers.get(kind);
    let outcome: JobOutcome;
    let failure: unknown = null;
    try {
      if (!handler) throw new Error(`this worker has no handler for ${kind} jobs`);
      const { result, modelVersionId } = await handler.run(ctx);
      outcome = { status: 'succeeded', result, ...(modelVersionId ? { modelVersionId } : {}) };
    } catch (error) {
      const stop = stopOf(controller.signal);
      failure = error;
      outcome =
        stop?.kind === 'cancel'
          ? { status: 'cancelled' }
          : stop?.kind === 'shutdown'
            ? { status: 'released', reason: `worker ${workerId} shut down` }
            : { status: 'failed', error: errorMessage(error) };
      if (stop?.kind === 'lost') {
        await progress.flush();
        log.warn('job lost to another attempt; stopping without writing');
        return;
      }
    }
    await progress.flush();
    if (outcome.status === 'cancelled') await handler?.onCancelled?.(ctx).catch((error: unknown) => log.error({ err: error }, 'onCancelled failed'));
    if (outcome.status === 'failed' && lease.retryCount >= lease.retryLimit) {
      await handler?.onFinalFailure?.(ctx, failure).catch((error: unknown) => log.error({ err: error }, 'onFinalFailure failed'));
    }
    const status = await finishJob(prisma, boss, lease, outcome);
    const durationMs = Date.now() - started;
    if (status === 'lost') log.warn({ durationMs }, 'job lost to another attempt before its outcome was recorded');
    else if (outcome.status === 'failed') log.error({ err: failure, status, durationMs }, status === 'failed' ? 'job failed (last attempt)' : 'job attempt failed; will retry');
    else log.info({ status, durationMs }, `job ${outcome.status}`);
  } finally {
    deps.onEnd(running);
  }
}

function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 4000 ? `${text.slice(0, 4000)}…` : text;
}

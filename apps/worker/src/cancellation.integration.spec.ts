/**
 * Cancelling jobs (queued: never runs; running: the worker notices the flag with its heartbeat,
 * stops, checkpoints, and records the cancel) and stopping a worker gracefully (its job goes back
 * to the queue and resumes on the next worker from the checkpoint written at the stop).
 */
import { ZEvalRunPayload, ZTrainingRunConfig } from '@prmbas/contracts';
import { enqueueJob, requestJobCancel, type PrismaClient, type TestDatabase } from '@prmbas/db';
import type PgBoss from 'pg-boss';
import { describe, expect, it } from 'vitest';
import { buildReadyVersion, createTrainingRun } from './testing/job-fixtures';
import { startWorkerProcess, waitFor, type WorkerProcess } from './testing/worker-process';
import { useWorkerTestbed } from './testing/worker-testbed';

const slowTraining = (steps: number) =>
  ZTrainingRunConfig.parse({
    model: { kind: 'test-mlp', config: { stepDelayMs: 30 } },
    trainer: { steps, batchSize: 4096, checkpointEvery: 50, evalEvery: 0, progressEvery: 2 },
    heldOutShare: 0.34,
    checkpointKeep: 0,
  });

describe('cancelling jobs and stopping workers', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let boss: PgBoss;
  let datasetVersionId: string;
  const workers: WorkerProcess[] = [];

  useWorkerTestbed(workers, async (bed) => {
    ({ db, prisma, boss } = bed);
    datasetVersionId = (await buildReadyVersion(prisma)).id;
  });

  const enqueueTraining = async (steps: number) => {
    const run = await createTrainingRun(prisma, datasetVersionId, slowTraining(steps));
    const job = await enqueueJob(prisma, boss, { kind: 'prm.train', payload: { trainingRunId: run.id }, trainingRunId: run.id, retryDelaySeconds: 0 });
    return { run, job };
  };
  const jobRow = (id: string) => prisma.job.findUniqueOrThrow({ where: { id } });

  it('cancels a queued job at once (it never runs) and a running one through its worker', async () => {
    const queued = await enqueueJob(prisma, boss, {
      kind: 'eval.run',
      payload: ZEvalRunPayload.parse({ source: { kind: 'synth', size: 2 }, policy: { kind: 'sim' }, strategies: [{ name: 'greedy', config: { strategy: 'greedy' } }] }),
    });
    const cancelled = await requestJobCancel(prisma, boss, queued.id);
    expect(cancelled).toMatchObject({ changed: true, job: { status: 'cancelled' } });
    expect(cancelled!.job.finishedAt).not.toBeNull();
    expect(await boss.getJobById(queued.queue, queued.id)).toMatchObject({ state: 'cancelled' });

    const { run, job } = await enqueueTraining(400);
    const w = startWorkerProcess({ id: 'canceller', databaseUrl: db.url });
    workers.push(w);
    await waitFor(async () => ((await prisma.trainingRun.findUniqueOrThrow({ where: { id: run.id } })).step ?? 0) >= 10, 'training past step 10', 30_000, 20);
    const requested = await requestJobCancel(prisma, boss, job.id);
    // Running: the flag is set; the worker records the outcome.
    expect(requested).toMatchObject({ changed: true, job: { status: 'running' } });
    expect(await requestJobCancel(prisma, boss, job.id)).toMatchObject({ changed: false });

    await waitFor(async () => (await jobRow(job.id)).status === 'cancelled', 'the worker to record the cancel', 10_000);
    const stoppedRun = await prisma.trainingRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(stoppedRun).toMatchObject({ status: 'cancelled' });
    expect(stoppedRun.cancelRequestedAt).not.toBeNull();
    expect(stoppedRun.finishedAt).not.toBeNull();
    expect(stoppedRun.step).toBeLessThan(400);
    // The trainer checkpointed where it stopped.
    const last = await prisma.checkpoint.findFirstOrThrow({ where: { runId: run.id }, orderBy: { step: 'desc' } });
    expect(last.step).toBeGreaterThanOrEqual(10);
    expect(await prisma.modelVersion.count({ where: { trainingRunId: run.id } })).toBe(0);

    // The cancelled queued job was never started, and the worker goes on taking work.
    expect(await jobRow(queued.id)).toMatchObject({ status: 'cancelled', attempts: 0, workerId: null });
    expect(w.logs().some((l) => l['jobId'] === queued.id)).toBe(false);
    const next = await enqueueJob(prisma, boss, {
      kind: 'eval.run',
      payload: ZEvalRunPayload.parse({ source: { kind: 'synth', size: 2 }, policy: { kind: 'sim' }, strategies: [{ name: 'greedy', config: { strategy: 'greedy' } }] }),
    });
    await waitFor(async () => (await jobRow(next.id)).status === 'succeeded', 'the next job');
    w.kill('SIGKILL');
  });

  it('hands a running job back on SIGTERM; the next worker resumes it from the stop checkpoint', async () => {
    const { run, job } = await enqueueTraining(60);
    const first = startWorkerProcess({ id: 'stopping', databaseUrl: db.url });
    workers.push(first);
    await waitFor(async () => ((await prisma.trainingRun.findUniqueOrThrow({ where: { id: run.id } })).step ?? 0) >= 10, 'training past step 10', 30_000, 20);
    first.kill('SIGTERM');
    expect(await first.exited).toMatchObject({ code: 0 });

    const handedBack = await jobRow(job.id);
    expect(handedBack).toMatchObject({ status: 'queued', attempts: 1, error: 'released: worker stopping shut down' });
    expect(await prisma.trainingRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'queued' });
    expect((await prisma.worker.findUniqueOrThrow({ where: { id: 'stopping' } })).stoppedAt).not.toBeNull();
    const stopCheckpoint = await prisma.checkpoint.findFirstOrThrow({ where: { runId: run.id }, orderBy: { step: 'desc' } });
    expect(stopCheckpoint.step).toBeGreaterThanOrEqual(10);
    expect(stopCheckpoint.step % 50).not.toBe(0); // written by the stop, not by the schedule

    const next = startWorkerProcess({ id: 'next', databaseUrl: db.url });
    workers.push(next);
    await waitFor(async () => (await jobRow(job.id)).status === 'succeeded', 'the resumed job', 30_000);
    expect(await jobRow(job.id)).toMatchObject({ attempts: 2, workerId: 'next' });
    expect((await jobRow(job.id)).result).toMatchObject({ resumedFrom: stopCheckpoint.step, steps: 60 });
  });
});

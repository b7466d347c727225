/**
 * A worker SIGKILLed in the middle of a training run: the run is handed to another worker, which
 * resumes from the last checkpoint (not from step 0) and ends exactly where an uninterrupted run
 * ends. Progress and metric series are written while the run goes on.
 */
import { ZTrainingRunConfig } from '@prmbas/contracts';
import { enqueueJob, type PrismaClient, type TestDatabase } from '@prmbas/db';
import { decodeArtifact } from '@prmbas/prm';
import { createHash } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { describe, expect, it } from 'vitest';
import { buildReadyVersion, createTrainingRun } from './testing/job-fixtures';
import { startWorkerProcess, waitFor, type WorkerProcess } from './testing/worker-process';
import { useWorkerTestbed } from './testing/worker-testbed';

const STEPS = 80;
const trainingConfig = (stepDelayMs: number) =>
  ZTrainingRunConfig.parse({
    model: { kind: 'test-mlp', config: { stepDelayMs } },
    // The whole training set is one batch: one example-source call (and its delay) per step.
    trainer: { steps: STEPS, batchSize: 4096, checkpointEvery: 10, evalEvery: 20, progressEvery: 5, lr: { warmupSteps: 10, peak: 0.01 } },
    heldOutShare: 0.34,
    checkpointKeep: 0,
  });

describe('a training job whose worker is killed', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let boss: PgBoss;
  const workers: WorkerProcess[] = [];

  useWorkerTestbed(workers, (bed) => void ({ db, prisma, boss } = bed));

  it('resumes from its last checkpoint on another worker and finishes as an uninterrupted run would', async () => {
    const dataset = await buildReadyVersion(prisma);
    const run = await createTrainingRun(prisma, dataset.id, trainingConfig(40));
    const job = await enqueueJob(prisma, boss, { kind: 'prm.train', payload: { trainingRunId: run.id }, trainingRunId: run.id, retryDelaySeconds: 0 });

    const a = startWorkerProcess({ id: 'trainer-a', databaseUrl: db.url });
    workers.push(a);
    await a.waitForLog((l) => l['msg'] === 'worker ready');
    // Let it train past its second checkpoint.
    await waitFor(async () => (await prisma.checkpoint.count({ where: { runId: run.id, step: { gte: 20 } } })) > 0, 'a checkpoint at step 20', 30_000, 20);

    // While it runs: progress on the job and the run, the metric series, status running.
    const live = await prisma.trainingRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(live).toMatchObject({ status: 'running', workerId: 'trainer-a', backend: 'wasm', totalSteps: STEPS });
    expect(live.step).toBeGreaterThanOrEqual(10);
    expect(live.step).toBeLessThan(STEPS);
    expect(live.progress).toBeGreaterThan(0);
    const liveJob = await prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(liveJob).toMatchObject({ status: 'running', attempts: 1, workerId: 'trainer-a' });
    expect(liveJob.progress).toBeGreaterThan(0);
    expect(await prisma.metricPoint.count({ where: { runId: run.id, name: 'train/loss' } })).toBeGreaterThanOrEqual(2);
    expect(await prisma.metricPoint.count({ where: { runId: run.id, name: 'eval/auroc', step: 20 } })).toBe(1);

    a.kill('SIGKILL');
    expect(await a.exited).toMatchObject({ signal: 'SIGKILL' });
    const beforeKill = await prisma.checkpoint.findMany({ where: { runId: run.id }, orderBy: { step: 'asc' } });
    const lastOfA = beforeKill.at(-1)!.step;
    expect(lastOfA).toBeLessThan(STEPS);

    const b = startWorkerProcess({ id: 'trainer-b', databaseUrl: db.url });
    workers.push(b);
    await waitFor(async () => (await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).status === 'succeeded', 'the job to succeed on worker b', 45_000);

    const done = await prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(done).toMatchObject({ attempts: 2, workerId: 'trainer-b', progress: 1 });
    const result = done.result as { resumedFrom: number; steps: number; modelVersionId: string; sha256: string };
    expect(result).toMatchObject({ resumedFrom: lastOfA, steps: STEPS });
    // Worker b's reaper noticed a's missing heartbeats and handed the job back to pg-boss.
    const handBack = await b.waitForLog((l) => l['msg'] === 'handed back jobs of dead workers');
    expect(handBack['jobs']).toEqual([{ jobId: job.id, workerId: 'trainer-a', attempt: 1, status: 'queued', bossState: 'active' }]);
    expect(done.error).toBeNull();

    // Checkpoints up to the kill are a's (attempt 1), later ones b's (attempt 2); b rewrote none of a's steps.
    const checkpoints = await prisma.checkpoint.findMany({ where: { runId: run.id }, orderBy: { step: 'asc' } });
    expect(checkpoints.map((c) => c.step)).toEqual([10, 20, 30, 40, 50, 60, 70, 80]);
    for (const c of checkpoints) {
      const writer = c.metrics as { workerId: string; attempt: number };
      expect(writer).toMatchObject(c.step <= lastOfA ? { workerId: 'trainer-a', attempt: 1 } : { workerId: 'trainer-b', attempt: 2 });
    }
    // The metric series has no gaps (b re-ran the steps after the checkpoint; same values, kept once).
    const losses = await prisma.metricPoint.findMany({ where: { runId: run.id, name: 'train/loss' }, orderBy: { step: 'asc' } });
    expect(losses.map((m) => m.step)).toEqual(Array.from({ length: STEPS / 5 }, (_, i) => 5 * (i + 1)));
    expect((await prisma.metricPoint.findMany({ where: { runId: run.id, name: 'eval/auroc' } })).map((m) => m.step).sort((x, y) => x - y)).toEqual([20, 40, 60, 80]);

    // The run and its model version, with lineage and a verifiable artifact.
    expect(await prisma.trainingRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: 'succeeded', progress: 1, step: STEPS, workerId: 'trainer-b' });
    const model = await prisma.modelVersion.findUniqueOrThrow({ where: { id: result.modelVersionId }, include: { artifactBlob: true } });
    expect(model).toMatchObject({ trainingRunId: run.id, datasetVersionId: dataset.id, checkpointId: checkpoints.at(-1)!.id, format: 'prmbas-prm/1' });
    expect(done.modelVersionId).toBe(model.id);
    const bytes = new Uint8Array(model.artifactBlob.data!);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(model.artifactBlob.sha256);
    expect(model.artifactBlob.sha256).toBe(result.sha256);
    const artifact = decodeArtifact(bytes);
    expect(artifact.metadata).toMatchObject({ modelName: 'mlp-prm', dataDigest: dataset.digest, extra: { modelKind: 'test-mlp', trainingRunId: run.id } });

    // The same run uninterrupted (no delay, same trainer config) ends with the same weights, bit for bit.
    const reference = await createTrainingRun(prisma, dataset.id, trainingConfig(0));
    const refJob = await enqueueJob(prisma, boss, { kind: 'prm.train', payload: { trainingRunId: reference.id }, trainingRunId: reference.id });
    await waitFor(async () => (await prisma.job.findUniqueOrThrow({ where: { id: refJob.id } })).status === 'succeeded', 'the reference run', 30_000);
    const refModel = await prisma.modelVersion.findFirstOrThrow({ where: { trainingRunId: reference.id }, include: { artifactBlob: true } });
    const refArtifact = decodeArtifact(new Uint8Array(refModel.artifactBlob.data!));
    expect(Buffer.from(artifact.weightData).equals(Buffer.from(refArtifact.weightData))).toBe(true);
  });
});

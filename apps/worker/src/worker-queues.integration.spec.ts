/**
 * Real worker processes against real Postgres and pg-boss: registration and heartbeats, two
 * workers competing for jobs (each job runs once), and GPU jobs that CPU workers never take.
 */
import { ZEvalRunPayload, type TJobRequirements } from '@prmbas/contracts';
import { enqueueJob, type PrismaClient, type TestDatabase } from '@prmbas/db';
import type PgBoss from 'pg-boss';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { jobHandlers } from './handlers';
import { ModelRegistry } from './models/model-registry';
import { startWorkerProcess, waitFor, type WorkerProcess } from './testing/worker-process';
import { useWorkerTestbed } from './testing/worker-testbed';
import { Worker } from './worker';

/** A small evaluation: greedy search with the simulated policy over 2 synth questions. */
const tinyEval = (seed: number) =>
  ZEvalRunPayload.parse({ source: { kind: 'synth', size: 2, seed }, policy: { kind: 'sim' }, strategies: [{ name: 'greedy', config: { strategy: 'greedy' } }] });

describe('workers on pg-boss queues', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let boss: PgBoss;
  const workers: WorkerProcess[] = [];

  useWorkerTestbed(workers, async (bed) => {
    ({ db, prisma, boss } = bed);
    workers.push(startWorkerProcess({ id: 'cpu-a', databaseUrl: db.url }), startWorkerProcess({ id: 'cpu-b', databaseUrl: db.url }));
    await Promise.all(workers.map((w) => w.waitForLog((l) => l['msg'] === 'worker ready')));
  });

  const enqueueEval = (seed: number, requirements: TJobRequirements = {}) =>
    enqueueJob(prisma, boss, { kind: 'eval.run', payload: tinyEval(seed), requirements, retryDelaySeconds: 0 });

  it('registers each worker with its capabilities and keeps its heartbeat fresh', async () => {
    const row = await prisma.worker.findUniqueOrThrow({ where: { id: 'cpu-a' } });
    expect(row).toMatchObject({ backend: 'wasm', gpu: false, stoppedAt: null });
    const caps = row.capabilities as { queues: string[]; modelKinds: string[]; heartbeatMs: number; staleAfterMs: number };
    expect(caps.queues).toEqual(['dataset.build.backend-wasm', 'dataset.build.any', 'prm.train.backend-wasm', 'prm.train.any', 'eval.run.backend-wasm', 'eval.run.any']);
    expect(caps.queues.some((q) => q.endsWith('.gpu'))).toBe(false);
    // The built-in multimodal PRM plus the test plugin's kind.
    expect(caps).toMatchObject({ modelKinds: ['multimodal', 'test-mlp'], heartbeatMs: 250, staleAfterMs: 1500 });
    const first = row.lastHeartbeatAt.getTime();
    await waitFor(async () => (await prisma.worker.findUniqueOrThrow({ where: { id: 'cpu-a' } })).lastHeartbeatAt.getTime() > first, 'a newer heartbeat', 5000);
  });

  it('runs each job exactly once when two workers compete for them', async () => {
    const jobs = [];
    for (let i = 0; i < 8; i++) jobs.push(await enqueueEval(100 + i));
    const ids = jobs.map((j) => j.id);
    await waitFor(async () => (await prisma.job.count({ where: { id: { in: ids }, status: 'succeeded' } })) === ids.length, 'all 8 jobs to succeed', 45_000);

    const rows = await prisma.job.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
    expect(rows.every((r) => (r.result as { strategies: unknown[] }).strategies.length === 1)).toBe(true);
    // Each job was started by exactly one worker, once.
    const starts = workers.flatMap((w) => w.logs().filter((l) => l['msg'] === 'job started').map((l) => l['jobId'] as string));
    for (const id of ids) expect(starts.filter((s) => s === id)).toHaveLength(1);
    expect(new Set(rows.map((r) => r.workerId))).toEqual(new Set(['cpu-a', 'cpu-b']));
    for (const id of ids) expect(await boss.getJobById('eval.run.any', id)).toMatchObject({ state: 'completed', retryCount: 0 });
  });

  it('never hands a GPU job to a CPU worker; a GPU worker takes it', async () => {
    const gpuJob = await enqueueEval(7, { gpu: true });
    const anyJob = await enqueueEval(8);
    expect(gpuJob.queue).toBe('eval.run.gpu');
    await waitFor(async () => (await prisma.job.findUniqueOrThrow({ where: { id: anyJob.id } })).status === 'succeeded', 'the any-worker job to succeed');
    // Many polls of both CPU workers later (100 ms apart), the GPU job is still untouched.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await prisma.job.findUniqueOrThrow({ where: { id: gpuJob.id } })).toMatchObject({ status: 'queued', attempts: 0, workerId: null });
    expect(await boss.getJobById('eval.run.gpu', gpuJob.id)).toMatchObject({ state: 'created' });
    expect(workers.flatMap((w) => w.logs()).some((l) => l['jobId'] === gpuJob.id)).toBe(false);

    // A worker whose backend detection reported a GPU (injected here: this machine has none).
    const gpuWorker = new Worker({
      id: 'gpu-1',
      prisma,
      boss,
      capabilities: { backend: 'tensorflow-gpu', gpu: true },
      kinds: ['eval.run'],
      handlers: jobHandlers({ models: new ModelRegistry() }),
      concurrency: 1,
      timings: { heartbeatMs: 250, staleAfterMs: 1500, pollMs: 100, reapMs: 1000, shutdownTimeoutMs: 5000 },
      log: pino({ level: 'silent' }),
    });
    expect(gpuWorker.queues).toEqual(['eval.run.gpu', 'eval.run.any']);
    await gpuWorker.start();
    try {
      await waitFor(async () => (await prisma.job.findUniqueOrThrow({ where: { id: gpuJob.id } })).status === 'succeeded', 'the GPU job to succeed');
      expect(await prisma.job.findUniqueOrThrow({ where: { id: gpuJob.id } })).toMatchObject({ workerId: 'gpu-1', attempts: 1 });
    } finally {
      await gpuWorker.stop();
    }
    expect((await prisma.worker.findUniqueOrThrow({ where: { id: 'gpu-1' } })).stoppedAt).not.toBeNull();
  });
});

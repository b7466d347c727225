/**
 * The job ledger against real Postgres and pg-boss: atomic enqueue, claims and fencing, outcomes,
 * cancel, and the reaper's rules for dead workers and orphaned fetches.
 */
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../client';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database';
import { requestJobCancel } from './cancel-job';
import { enqueueJob } from './enqueue-job';
import { startJobBoss } from './job-boss';
import { ALL_QUEUES } from './job-routing';
import { checkLeases, claimJob, finishJob, recordJobProgress } from './job-lease';
import { reapDeadWorkerJobs } from './dead-worker-reaper';
import { heartbeatWorker, liveWorkers, registerWorker } from './worker-registry';

const payload = { source: { kind: 'synth', size: 1 } };

describe('job ledger', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let boss: PgBoss;

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url);
    boss = await startJobBoss(db.url, { supervise: false });
    for (const id of ['w1', 'w2']) await registerWorker(prisma, { id, hostname: 'test', pid: 1, backend: 'wasm', gpu: false, capabilities: {}, heartbeatMs: 100, staleAfterMs: 1000 });
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
    await prisma?.$disconnect();
    await db?.drop();
  });

  const enqueue = (maxAttempts = 2) => enqueueJob(prisma, boss, { kind: 'eval.run', payload, maxAttempts, retryDelaySeconds: 0 });
  const fetchOne = async (queue = 'eval.run.any') => {
    // ignoreStartAfter: retries are due after their (backoff) delay; these tests do not wait for it.
    const [job] = await boss.fetch<{ jobId: string }>(queue, { includeMetadata: true, ignoreStartAfter: true });
    if (!job) throw new Error(`nothing to fetch on ${queue}`);
    return job;
  };
  const claim = async (workerId: string) => {
    const result = await claimJob(prisma, await fetchOne(), workerId);
    if (!result.claimed) throw new Error(`not claimed: ${result.reason}`);
    return result.lease;
  };
  const makeStale = (workerId: string) => prisma.$executeRaw`UPDATE workers SET last_heartbeat_at = now() - interval '1 hour' WHERE id = ${workerId}`;
  const bossState = async (id: string) => (await boss.getJobById('eval.run.any', id))?.state;

  it('enqueues the row and the pg-boss job together, or neither', async () => {
    const job = await enqueue();
    expect(job).toMatchObject({ status: 'queued', queue: 'eval.run.any', bossJobId: job.id, attempts: 0 });
    expect(await boss.getJobById('eval.run.any', job.id)).toMatchObject({ state: 'created', retryLimit: 1, data: { jobId: job.id } });

    const before = await prisma.job.count();
    const refused = enqueueJob(prisma, boss, { kind: 'eval.run', payload }, { after: async () => { throw new Error('refused'); } });
    await expect(refused).rejects.toThrow('refused');
    expect(await prisma.job.count()).toBe(before);
    expect(await boss.getQueueSize('eval.run.any')).toBe(1);
    await finishJob(prisma, boss, await claim('w1'), { status: 'succeeded', result: {} });
  });

  it('fences every write on the attempt: a worker presumed dead cannot overwrite the new attempt', async () => {
    const job = await enqueue(3);
    const first = await claim('w1');
    expect(first).toMatchObject({ jobId: job.id, attempt: 1, retryCount: 0, retryLimit: 2 });
    expect(await recordJobProgress(prisma, first, 0.3)).toBe(true);

    await makeStale('w1');
    expect(await reapDeadWorkerJobs(prisma, boss)).toEqual([{ jobId: job.id, workerId: 'w1', attempt: 1, status: 'queued', bossState: 'active' }]);
    expect(await bossState(job.id)).toBe('retry');
    await heartbeatWorker(prisma, 'w1');

    const second = await claim('w2');
    expect(second.attempt).toBe(2);
    // The old attempt learns it lost the job, from every write it tries.
    expect(await recordJobProgress(prisma, first, 0.9)).toBe(false);
    expect((await checkLeases(prisma, [first])).get(job.id)).toBe('lost');
    expect((await checkLeases(prisma, [second])).get(job.id)).toBe('ok');
    expect(await finishJob(prisma, boss, first, { status: 'succeeded', result: { from: 'stale' } })).toBe('lost');
    expect(await finishJob(prisma, boss, second, { status: 'succeeded', result: { from: 'second' } })).toBe('succeeded');
    expect(await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: 'succeeded', attempts: 2, workerId: 'w2', result: { from: 'second' }, progress: 1 });
    expect(await bossState(job.id)).toBe('completed');
  });

  it('retries a failed attempt, fails the last one for good, and never burns the last one on a shutdown', async () => {
    const job = await enqueue(2);
    const first = await claim('w1');
    expect(await finishJob(prisma, boss, first, { status: 'failed', error: 'boom 1' })).toBe('queued');
    expect(await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: 'queued', error: 'boom 1', finishedAt: null });

    const last = await claim('w1');
    expect(last).toMatchObject({ attempt: 2, retryCount: 1, retryLimit: 1 });
    expect(await finishJob(prisma, boss, last, { status: 'released', reason: 'deploy' })).toBe('queued');
    expect(await bossState(job.id)).toBe('retry');

    const third = await claim('w2');
    expect(third.attempt).toBe(3);
    expect(await finishJob(prisma, boss, third, { status: 'failed', error: 'boom 3' })).toBe('failed');
    expect(await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: 'failed', error: 'boom 3' });
    expect(await bossState(job.id)).toBe('failed');
  });

  it('cancels: a queued job at once (a later claim refuses it), a running one through its worker', async () => {
    const queued = await enqueue();
    expect(await requestJobCancel(prisma, boss, queued.id)).toMatchObject({ changed: true, job: { status: 'cancelled' } });
    expect(await requestJobCancel(prisma, boss, '0190f0f0-0000-7000-8000-00000000000f')).toBeNull();

    const running = await enqueue();
    const lease = await claim('w1');
    expect(lease.jobId).toBe(running.id);
    expect(await requestJobCancel(prisma, boss, running.id)).toMatchObject({ changed: true, job: { status: 'running' } });
    expect((await checkLeases(prisma, [lease])).get(running.id)).toBe('cancel');
    expect(await finishJob(prisma, boss, lease, { status: 'cancelled' })).toBe('cancelled');
    expect(await bossState(running.id)).toBe('cancelled');
  });

  it('settles the jobs of dead workers by what pg-boss says, and leaves live workers alone', async () => {
    await heartbeatWorker(prisma, 'w1');
    await heartbeatWorker(prisma, 'w2');
    const live = await enqueue();
    const liveLease = await claim('w2');
    const cancelled = await enqueue();
    await claim('w1');
    await requestJobCancel(prisma, boss, cancelled.id);
    const last = await enqueue(1);
    await claim('w1');

    await makeStale('w1');
    expect((await liveWorkers(prisma)).map((w) => w.id)).toEqual(['w2']);
    const reaped = await reapDeadWorkerJobs(prisma, boss);
    expect(reaped.map((r) => [r.jobId, r.status]).sort()).toEqual([[cancelled.id, 'cancelled'], [last.id, 'failed']].sort());
    expect(await prisma.job.findUniqueOrThrow({ where: { id: last.id } })).toMatchObject({ status: 'failed', error: 'worker w1 stopped heartbeating during attempt 1' });
    expect(await bossState(last.id)).toBe('failed');
    expect(await prisma.job.findUniqueOrThrow({ where: { id: live.id } })).toMatchObject({ status: 'running', workerId: 'w2' });
    expect(await reapDeadWorkerJobs(prisma, boss)).toEqual([]);
    await finishJob(prisma, boss, liveLease, { status: 'succeeded', result: {} });
    await heartbeatWorker(prisma, 'w1');
  });

  it('re-offers a job fetched by a worker that died before claiming it', async () => {
    const job = await enqueue();
    await fetchOne(); // fetched, never claimed
    expect(await reapDeadWorkerJobs(prisma, boss, { defaultStaleAfterMs: 60_000 })).toEqual([]);
    await prisma.$executeRawUnsafe(`UPDATE pgboss.job SET started_on = now() - interval '2 minutes' WHERE id = $1::uuid`, job.id);
    expect(await reapDeadWorkerJobs(prisma, boss, { defaultStaleAfterMs: 60_000 })).toEqual([{ jobId: job.id, workerId: null, attempt: 0, status: 'queued', bossState: 'active' }]);
    expect(await bossState(job.id)).toBe('retry');
    const lease = await claim('w2');
    expect(lease).toMatchObject({ jobId: job.id, attempt: 2 });
    await finishJob(prisma, boss, lease, { status: 'succeeded', result: {} });
  });
});

describe('pg-boss start', () => {
  it('lets processes starting together on a fresh database create the queues without deadlocking', async () => {
    const fresh = await createTestDatabase();
    try {
      const bosses = await Promise.all([1, 2, 3].map(() => startJobBoss(fresh.url, { supervise: false, max: 2 })));
      expect((await bosses[0]!.getQueues()).map((q) => q.name).sort()).toEqual([...ALL_QUEUES].sort());
      await Promise.all(bosses.map((b) => b.stop({ graceful: false, wait: true })));
    } finally {
      await fresh.drop();
    }
  });
});

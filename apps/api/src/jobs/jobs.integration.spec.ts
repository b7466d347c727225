/**
 * The jobs API against the real server, Postgres and pg-boss: enqueue with requirements (REST and
 * tRPC), validation naming the field, the checks on what a job is for, roles, get / find, cancel,
 * the audit rows, queue depth in /metrics — and a real worker process running an enqueued job.
 */
import type { TJob } from '@prmbas/contracts';
import type { PrismaClient } from '@prmbas/db';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiWithRoles } from '../testing/auth-helpers';
import { runTs, WORKSPACE_ROOT, type NodeProcess } from '../testing/node-process';
import type { TestApi } from '../testing/test-api';
import { trpcMutation, trpcQuery } from '../testing/trpc-http';

const evalPayload = { source: { kind: 'synth', size: 2, seed: 1 }, policy: { kind: 'sim' }, strategies: [{ name: 'greedy', config: { strategy: 'greedy' } }] };

describe('jobs API', () => {
  let api: TestApi;
  let prisma: PrismaClient;
  let researcher: string;
  let viewer: string;
  let worker: NodeProcess | undefined;

  beforeAll(async () => {
    ({ api, prisma, researcher, viewer } = await startApiWithRoles());
  });
  afterAll(async () => {
    worker?.child.kill('SIGKILL');
    await worker?.exited;
    await prisma?.$disconnect();
    await api?.close();
  });

  const post = (pathname: string, body: unknown, cookie = researcher) =>
    api.request(pathname, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
  const get = (pathname: string, cookie = researcher) => api.request(pathname, { headers: { cookie } });
  const errorOf = async (response: Response) => ((await response.json()) as { error: { param: string | null; message: string; code: string } }).error;

  it('enqueues a job with its requirements: the row, the pg-boss queue and the audit row', async () => {
    const response = await post('/jobs', { kind: 'eval.run', payload: evalPayload });
    expect(response.status).toBe(201);
    const job = (await response.json()) as TJob;
    expect(job).toMatchObject({ kind: 'eval.run', status: 'queued', queue: 'eval.run.any', requirements: {}, attempts: 0, progress: null, workerId: null });
    expect(job.payload).toMatchObject({ prm: { kind: 'none' }, seed: 0, concurrency: 4 });

    const gpu = (await (await post('/jobs', { kind: 'eval.run', payload: evalPayload, requirements: { gpu: true } })).json()) as TJob;
    expect(gpu).toMatchObject({ queue: 'eval.run.gpu', requirements: { gpu: true } });
    const wasm = (await (await post('/jobs', { kind: 'eval.run', payload: evalPayload, requirements: { backend: 'wasm' } })).json()) as TJob;
    expect(wasm).toMatchObject({ queue: 'eval.run.backend-wasm', requirements: { backend: 'wasm' } });

    expect(await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ bossJobId: job.id, kind: 'evaluation' });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityType: 'job', entityId: job.id } });
    expect(audit).toMatchObject({ action: 'job.create', actor: expect.stringMatching(/^user:researcher-/) });
  });

  it('refuses bad input naming the field', async () => {
    const cases: [unknown, number, string][] = [
      [{ payload: evalPayload }, 400, 'kind'],
      [{ kind: 'eval.run', payload: { ...evalPayload, strategies: [] } }, 400, 'payload.strategies'],
      [{ kind: 'eval.run', payload: { ...evalPayload, source: { kind: 'synth', size: 0 } } }, 400, 'payload.source.size'],
      [{ kind: 'eval.run', payload: evalPayload, requirements: { gpu: true, backend: 'wasm' } }, 400, 'requirements.backend'],
      [{ kind: 'eval.run', payload: { ...evalPayload, strategies: [{ name: 'beam', config: { strategy: 'beam', width: 0 } }] } }, 400, 'payload.strategies.0.config'],
      [{ kind: 'eval.run', payload: { ...evalPayload, strategies: [{ name: 'bas', config: { strategy: 'prm-bas' } }] } }, 400, 'payload.prm'],
      [{ kind: 'dataset.build', payload: { datasetVersionId: '0190f0f0-0000-7000-8000-000000000001', suite: { kind: 'synth', size: 2 }, policy: { kind: 'sim' } } }, 404, 'payload.datasetVersionId'],
      [{ kind: 'prm.train', payload: { trainingRunId: '0190f0f0-0000-7000-8000-000000000002' } }, 404, 'payload.trainingRunId'],
    ];
    for (const [body, status, param] of cases) {
      const response = await post('/jobs', body);
      expect({ body, status: response.status }).toEqual({ body, status });
      expect((await errorOf(response)).param).toBe(param);
    }
  });

  it('checks what a job is for: a ready version is not rebuilt, a run gets one job at a time', async () => {
    const dataset = await prisma.dataset.create({ data: { name: 'api-jobs' } });
    const ready = await prisma.datasetVersion.create({ data: { datasetId: dataset.id, version: 1, status: 'ready', config: {}, header: {} } });
    const building = await prisma.datasetVersion.create({ data: { datasetId: dataset.id, version: 2, config: {}, header: {} } });
    const build = (id: string) => ({ kind: 'dataset.build', payload: { datasetVersionId: id, suite: { kind: 'synth', size: 2 }, policy: { kind: 'sim' } } });
    expect((await post('/jobs', build(ready.id))).status).toBe(409);
    expect((await post('/jobs', build(building.id))).status).toBe(201);
    const again = await post('/jobs', build(building.id));
    expect(again.status).toBe(409);
    expect((await errorOf(again)).message).toMatch(/already being built/);

    const config = { model: { kind: 'test-mlp' }, trainer: { steps: 5 } };
    const onBuilding = await prisma.trainingRun.create({ data: { datasetVersionId: building.id, config } });
    expect((await post('/jobs', { kind: 'prm.train', payload: { trainingRunId: onBuilding.id } })).status).toBe(409);
    const run = await prisma.trainingRun.create({ data: { datasetVersionId: ready.id, config } });
    const train = await post('/jobs', { kind: 'prm.train', payload: { trainingRunId: run.id }, requirements: { gpu: true } });
    expect(train.status).toBe(201);
    expect(await train.json()).toMatchObject({ queue: 'prm.train.gpu', trainingRunId: run.id, datasetVersionId: ready.id });
    expect((await post('/jobs', { kind: 'prm.train', payload: { trainingRunId: run.id } })).status).toBe(409);
    const badConfig = await prisma.trainingRun.create({ data: { datasetVersionId: ready.id, config: { trainer: {} } } });
    const refused = await post('/jobs', { kind: 'prm.train', payload: { trainingRunId: badConfig.id } });
    expect(refused.status).toBe(422);
    expect((await errorOf(refused)).message).toMatch(/model/);
  });

  it('lets researchers enqueue and cancel, everyone signed in read, nobody else anything', async () => {
    expect((await post('/jobs', { kind: 'eval.run', payload: evalPayload }, viewer)).status).toBe(403);
    expect((await api.request('/jobs')).status).toBe(401);
    expect((await get('/jobs', viewer)).status).toBe(200);
  });

  it('gets, finds (newest first, filtered, paged) and cancels', async () => {
    const a = (await (await post('/jobs', { kind: 'eval.run', payload: evalPayload })).json()) as TJob;
    const b = (await (await post('/jobs', { kind: 'eval.run', payload: evalPayload })).json()) as TJob;
    expect(await (await get(`/jobs/${a.id}`, viewer)).json()).toMatchObject({ id: a.id, status: 'queued' });
    expect((await get('/jobs/0190f0f0-0000-7000-8000-000000000009')).status).toBe(404);
    const malformed = await get('/jobs/not-a-uuid');
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).param).toBe('id');

    const page1 = (await (await get('/jobs?kind=eval.run&status=queued&limit=1')).json()) as { items: TJob[]; nextCursor: string };
    expect(page1.items.map((j) => j.id)).toEqual([b.id]);
    const page2 = (await (await get(`/jobs?kind=eval.run&status=queued&limit=1&cursor=${page1.nextCursor}`)).json()) as { items: TJob[] };
    expect(page2.items.map((j) => j.id)).toEqual([a.id]);
    expect((await get('/jobs?limit=0')).status).toBe(400);

    const cancelled = await post(`/jobs/${a.id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled', cancelRequestedAt: expect.any(String), finishedAt: expect.any(String) });
    expect((await post(`/jobs/${a.id}/cancel`, {})).status).toBe(409);
    expect(await prisma.auditLog.count({ where: { entityId: a.id, action: 'job.cancel' } })).toBe(1);
  });

  it('serves the same procedures over tRPC', async () => {
    const created = await trpcMutation<TJob>(api, 'jobs.create', { kind: 'eval.run', payload: evalPayload, requirements: { backend: 'cpu' } }, { cookie: researcher });
    expect(created.error).toBeUndefined();
    expect(created.data).toMatchObject({ queue: 'eval.run.backend-cpu' });
    const found = await trpcQuery<{ items: TJob[] }>(api, 'jobs.get', { id: created.data!.id }, { cookie: viewer });
    expect(found.data).toMatchObject({ id: created.data!.id });
    const forbidden = await trpcMutation(api, 'jobs.cancel', { id: created.data!.id }, { cookie: viewer });
    expect(forbidden.error?.data.code).toBe('FORBIDDEN');
  });

  it('reports queue depths in /metrics and pg-boss in /readyz', async () => {
    const metrics = await (await api.request('/metrics')).text();
    const queued = Number(/prmbas_queue_depth\{queue="eval\.run\.gpu",state="queued"\} (\d+)/.exec(metrics)?.[1]);
    expect(queued).toBe(await prisma.job.count({ where: { queue: 'eval.run.gpu', status: 'queued' } }));
    expect(queued).toBeGreaterThanOrEqual(1);
    expect(metrics).toMatch(/prmbas_queue_depth\{queue="prm\.train\.any",state="active"\} 0/);
    const ready = (await (await api.request('/readyz')).json()) as { checks: { name: string; ok: boolean }[] };
    expect(ready.checks).toContainEqual(expect.objectContaining({ name: 'job-queue', ok: true }));
  });

  it('a worker process runs what the API enqueued; the API shows its progress to the end', async () => {
    const job = (await (await post('/jobs', { kind: 'eval.run', payload: { ...evalPayload, source: { kind: 'synth', size: 3, seed: 4 } }, requirements: { backend: 'wasm' } })).json()) as TJob;
    worker = runTs(path.join(WORKSPACE_ROOT, 'apps/worker/src/main.ts'), {
      DATABASE_URL: api.config.databaseUrl!,
      WORKER_ID: 'api-test-worker',
      WORKER_BACKEND: 'wasm',
      WORKER_KINDS: 'eval.run',
      WORKER_POLL_MS: '100',
      WORKER_HEARTBEAT_MS: '250',
      WORKER_STALE_AFTER_MS: '1500',
    });
    const deadline = Date.now() + 30_000;
    let seen: TJob = job;
    while (seen.status !== 'succeeded' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = (await (await get(`/jobs/${job.id}`, viewer)).json()) as TJob;
      expect(seen.status).not.toBe('failed');
    }
    expect(seen).toMatchObject({ status: 'succeeded', workerId: 'api-test-worker', attempts: 1, progress: 1, error: null });
    expect(seen.result).toMatchObject({ questions: 3, policy: 'sim', strategies: [expect.objectContaining({ name: 'greedy', total: 3 })] });
    // A CPU worker on wasm leaves the GPU jobs and the jobs asking for the cpu backend alone.
    const untouched = await prisma.job.findMany({ where: { queue: { in: ['eval.run.gpu', 'eval.run.backend-cpu'] } } });
    expect(untouched.length).toBeGreaterThanOrEqual(2);
    expect(untouched.every((j) => j.attempts === 0 && j.workerId === null)).toBe(true);
  });
});

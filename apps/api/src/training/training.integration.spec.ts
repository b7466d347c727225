/**
 * Training runs against the real server, Postgres, pg-boss and a real worker process (wasm, with
 * the test-mlp model kind — the TEST DOUBLE of the model): start (row + job with requirements,
 * audited), validation naming the field, roles, a run trained to the end with its metric series
 * (polled with the cursor and streamed as server-sent events) and its model version with lineage,
 * a GPU run a CPU worker leaves alone, comparison aligned by step, cancel, lists.
 */
import type { TCompareRunsResponse, TFindModelKindsResponse, TFindTrainingRunsResponse, TGetRunMetricsResponse, TModelVersion, TTrainingRun } from '@prmbas/contracts';
import type { DatasetVersion, PrismaClient } from '@prmbas/db';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiWithRoles } from '../testing/auth-helpers';
import type { NodeProcess } from '../testing/node-process';
import type { TestApi } from '../testing/test-api';
import { trpcMutation, trpcQuery } from '../testing/trpc-http';
import { encodeCursor } from './metrics-cursor';
import { buildReadyVersion, createVersion, readSse, startWorker, stopWorker, waitFor, type SseEvent } from './testing/training-fixtures';

const WORKER_ID = 'training-test-worker';

describe('training API', () => {
  let api: TestApi;
  let prisma: PrismaClient;
  let researcher: string;
  let viewer: string;
  let version: DatasetVersion;
  let worker: NodeProcess | undefined;
  let gpuRun: TTrainingRun;
  let trained: TTrainingRun;

  beforeAll(async () => {
    ({ api, prisma, researcher, viewer } = await startApiWithRoles());
    version = await buildReadyVersion(prisma);
  }, 120_000);
  afterAll(async () => {
    await stopWorker(worker);
    await prisma?.$disconnect();
    await api?.close();
  });

  const runInput = (overrides: { steps?: number; stepDelayMs?: number; requirements?: object; name?: string; progressEvery?: number; lr?: number } = {}) => ({
    datasetVersionId: version.id,
    name: overrides.name ?? 'test run',
    model: { kind: 'test-mlp', config: { dim: 16, hidden: [8], seed: 2, stepDelayMs: overrides.stepDelayMs ?? 0 } },
    trainer: { steps: overrides.steps ?? 10, batchSize: 64, lambdaRank: 0.5, lr: overrides.lr ?? 0.01, seed: 3, progressEvery: overrides.progressEvery ?? 2, evalEvery: 10, checkpointEvery: 10 },
    heldOutShare: 0.5,
    requirements: overrides.requirements ?? {},
  });
  const create = (input: unknown, cookie = researcher) => trpcMutation<TTrainingRun>(api, 'training.create', input, { cookie });
  const getRun = async (id: string) => (await trpcQuery<TTrainingRun>(api, 'training.get', { id }, { cookie: viewer })).data!;

  it('starts a run: the row with its config and a prm.train job on the queue its requirements name, both audited', async () => {
    const created = await create(runInput({ requirements: { gpu: true }, name: 'needs a GPU' }));
    expect(created.error).toBeUndefined();
    gpuRun = created.data!;
    expect(gpuRun).toMatchObject({
      name: 'needs a GPU',
      status: 'queued',
      progress: 0,
      requirements: { gpu: true },
      backend: null,
      worker: null,
      dataset: { versionId: version.id, version: 1, status: 'ready' },
      job: { status: 'queued', queue: 'prm.train.gpu', attempts: 0 },
      modelVersion: null,
      createdBy: { email: expect.stringMatching(/^researcher-/) },
      config: { model: { kind: 'test-mlp' }, trainer: { steps: 10, batchSize: 64, seed: 3, lr: { peak: 0.01 }, loss: { lambdaRank: 0.5 } }, heldOutShare: 0.5, checkpointKeep: 3 },
    });
    const job = await prisma.job.findFirstOrThrow({ where: { trainingRunId: gpuRun.id } });
    expect(job).toMatchObject({ id: gpuRun.job!.id, kind: 'training', queue: 'prm.train.gpu', bossJobId: job.id, datasetVersionId: version.id, payload: { trainingRunId: gpuRun.id } });
    const audit = await prisma.auditLog.findMany({ where: { entityId: { in: [gpuRun.id, job.id] } }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['training_run.create', 'job.create']);
    expect(audit[0]!.after).toMatchObject({ request: { requirements: { gpu: true } } });

    // Epochs become steps from the version's size: every step row is an example, minus the held-out share.
    const epochs = await create({ ...runInput({ requirements: { backend: 'cpu' } }), trainer: { epochs: 3, batchSize: 8 } });
    expect(epochs.error).toBeUndefined();
    const examples = Math.round((await prisma.datasetStep.count({ where: { solution: { datasetVersionId: version.id } } })) * 0.5);
    expect(epochs.data!.config).toMatchObject({ trainer: { steps: Math.ceil((3 * examples) / 8), batchSize: 8 } });
    expect(epochs.data!.job).toMatchObject({ queue: 'prm.train.backend-cpu' });
  });

  it('refuses bad input with 400 naming the field, unknown targets with 404, unready versions with 409', async () => {
    const building = await createVersion(prisma, 'building');
    const base = runInput();
    const cases: [unknown, number, string][] = [
      [{ ...base, trainer: { lambdaRank: -1 } }, 400, 'trainer.lambdaRank'],
      [{ ...base, trainer: { steps: 10, epochs: 1, batchSize: 4 } }, 400, 'trainer.epochs'],
      [{ ...base, trainer: { epochs: 1 } }, 400, 'trainer.batchSize'],
      [{ ...base, trainer: { lr: 0 } }, 400, 'trainer.lr'],
      [{ ...base, trainer: { stepz: 3 } }, 400, 'trainer'],
      [{ ...base, datasetVersionId: 'v1' }, 400, 'datasetVersionId'],
      [{ ...base, model: { kind: 'Bad Kind!' } }, 400, 'model.kind'],
      [{ ...base, requirements: { gpu: true, backend: 'wasm' } }, 400, 'requirements.backend'],
      [{ ...base, datasetVersionId: '0190f0f0-0000-7000-8000-000000000001' }, 404, 'datasetVersionId'],
      [{ ...base, datasetVersionId: building.id }, 409, 'datasetVersionId'],
    ];
    for (const [input, status, param] of cases) {
      const reply = await create(input);
      expect({ input, status: reply.status, param: reply.error?.data.param }).toEqual({ input, status, param });
    }
    const metrics = await trpcQuery(api, 'training.metrics', { id: gpuRun.id, after: { 'train/loss': 'x' } }, { cookie: viewer });
    expect([metrics.status, metrics.error?.data.param]).toEqual([400, 'after.train/loss']);
    const compare = await trpcQuery(api, 'training.compare', { ids: [gpuRun.id, gpuRun.id] }, { cookie: viewer });
    expect([compare.status, compare.error?.data.param]).toEqual([400, 'ids']);

    const stream = (pathname: string, headers: Record<string, string> = {}) => readSse(api, pathname, { cookie: viewer, ...headers }, { timeoutMs: 5000 });
    expect(await stream('/training/runs/nope/metrics/stream')).toMatchObject({ status: 400, body: { error: { param: 'id' } } });
    expect(await stream('/training/runs/0190f0f0-0000-7000-8000-000000000001/metrics/stream')).toMatchObject({ status: 404 });
    expect(await stream(`/training/runs/${gpuRun.id}/metrics/stream`, { 'last-event-id': 'garbage' })).toMatchObject({ status: 400, body: { error: { param: 'Last-Event-ID' } } });
  });

  it('lets researchers start and cancel, every signed-in user read, nobody else anything', async () => {
    expect((await create(runInput(), viewer)).error?.data.code).toBe('FORBIDDEN');
    expect((await trpcMutation(api, 'training.cancel', { id: gpuRun.id }, { cookie: viewer })).error?.data.code).toBe('FORBIDDEN');
    expect((await trpcQuery(api, 'training.find', {})).error?.data.code).toBe('UNAUTHORIZED');
    expect((await readSse(api, `/training/runs/${gpuRun.id}/metrics/stream`, {}, { timeoutMs: 5000 })).status).toBe(401);
    expect((await trpcQuery(api, 'training.find', {}, { cookie: viewer })).status).toBe(200);
    expect((await trpcQuery(api, 'training.metrics', { id: gpuRun.id }, { cookie: viewer })).data).toMatchObject({ series: [], cursor: {}, done: false });
  });

  it(
    'a CPU worker trains a run to the end: cursor polls and the SSE stream see every point once, the model version has lineage; the GPU run stays queued',
    async () => {
      worker = await startWorker(api, { id: WORKER_ID, kinds: 'prm.train' });
      const created = await create(runInput({ steps: 40, stepDelayMs: 60, name: 'trained' }));
      expect(created.error).toBeUndefined();
      const id = created.data!.id;

      const streamed = readSse(api, `/training/runs/${id}/metrics/stream`, { cookie: viewer }, { timeoutMs: 90_000 });

      // Poll as the console does: the cursor of each answer goes back as `after`.
      const polled = new Map<string, number>();
      let cursor: Record<string, number> = {};
      let polls = 0;
      let answer: TGetRunMetricsResponse;
      do {
        const reply = await trpcQuery<TGetRunMetricsResponse>(api, 'training.metrics', { id, after: cursor }, { cookie: viewer });
        expect(reply.error).toBeUndefined();
        answer = reply.data!;
        for (const series of answer.series) {
          for (const p of series.points) {
            const key = `${series.name}@${p.step}`;
            expect(polled.has(key), `${key} was sent twice`).toBe(false);
            expect(p.step).toBeGreaterThan(cursor[series.name] ?? -1);
            polled.set(key, p.value);
          }
        }
        cursor = answer.cursor;
        polls++;
        if (!answer.done) await new Promise((resolve) => setTimeout(resolve, 200));
      } while (!answer.done);
      expect(polls).toBeGreaterThan(3); // it really was live

      const stored = await prisma.metricPoint.findMany({ where: { runId: id } });
      expect(stored.length).toBeGreaterThan(40);
      expect(new Map(stored.map((p) => [`${p.name}@${p.step}`, p.value]))).toEqual(polled);
      expect(stored.some((p) => p.name === 'eval/auroc')).toBe(true);

      const sse = await streamed;
      expect(sse.status).toBe(200);
      expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const sent = sse.events.filter((e) => e.event === 'metrics').flatMap((e) => (e.data as { points: { name: string; step: number; value: number }[] }).points);
      expect(sent.length).toBe(stored.length);
      expect(new Map(sent.map((p) => [`${p.name}@${p.step}`, p.value]))).toEqual(polled);
      expect(sse.events.filter((e) => e.event === 'metrics').length).toBeGreaterThan(2); // pushed as written, not at the end
      expect(sse.events.some((e) => e.event === 'status' && (e.data as { status: string }).status === 'running')).toBe(true);
      expect(sse.events.at(-1)).toMatchObject({ event: 'end', data: { status: 'succeeded' } });

      trained = await getRun(id);
      expect(trained).toMatchObject({
        status: 'succeeded',
        progress: 1,
        step: 40,
        totalSteps: 40,
        backend: 'wasm',
        worker: { id: WORKER_ID, backend: 'wasm', gpu: false },
        job: { status: 'succeeded', attempts: 1 },
        latestMetrics: { 'train/loss': { step: 40 }, 'eval/auroc': { step: 40 } },
      });
      expect(trained.durationMs).toBeGreaterThan(0);
      const model = await trpcQuery<TModelVersion>(api, 'models.get', { id: trained.modelVersion!.id }, { cookie: viewer });
      expect(model.data).toMatchObject({
        format: 'prmbas-prm/1',
        artifact: { sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        lineage: { trainingRun: { id, status: 'succeeded', backend: 'wasm', workerId: WORKER_ID }, datasetVersion: { id: version.id }, checkpoint: { step: 40 } },
      });
      // The artifact the worker stored downloads to the bytes its sha256 names.
      const download = await api.request(model.data!.artifact.downloadPath, { headers: { cookie: viewer } });
      expect(createHash('sha256').update(Buffer.from(await download.arrayBuffer())).digest('hex')).toBe(model.data!.artifact.sha256);

      // The CPU worker never took the GPU run.
      expect(await getRun(gpuRun.id)).toMatchObject({ status: 'queued', worker: null, job: { attempts: 0 } });
    },
    150_000,
  );

  it('a stream resumes after Last-Event-ID (or ?after) with only newer points, and a finished run ends at once', async () => {
    const all = await readSse(api, `/training/runs/${trained.id}/metrics/stream`, { cookie: viewer }, { timeoutMs: 10_000 });
    const points = all.events.filter((e) => e.event === 'metrics').flatMap((e) => (e.data as { points: { name: string; step: number }[] }).points);
    expect(all.events.at(-1)).toMatchObject({ event: 'end' });
    const half = { 'train/loss': 20, 'eval/auroc': 20 };
    const onlyNew = (events: SseEvent[]) => events.filter((e) => e.event === 'metrics').flatMap((e) => (e.data as { points: { name: string; step: number }[] }).points);
    const expected = points.filter((p) => p.step > ((half as Record<string, number>)[p.name] ?? -1)).length;
    const resumed = await readSse(api, `/training/runs/${trained.id}/metrics/stream`, { cookie: viewer, 'last-event-id': encodeCursor(half) }, { timeoutMs: 10_000 });
    expect(onlyNew(resumed.events)).toHaveLength(expected);
    expect(onlyNew(resumed.events).every((p) => p.step > ((half as Record<string, number>)[p.name] ?? -1))).toBe(true);
    const viaQuery = await readSse(api, `/training/runs/${trained.id}/metrics/stream?after=${encodeURIComponent(JSON.stringify(half))}`, { cookie: viewer }, { timeoutMs: 10_000 });
    expect(onlyNew(viaQuery.events)).toHaveLength(expected);
    // A metrics event's id is the cursor after it.
    const lastMetrics = all.events.filter((e) => e.event === 'metrics').at(-1)!;
    const fromLast = await readSse(api, `/training/runs/${trained.id}/metrics/stream`, { cookie: viewer, 'last-event-id': lastMetrics.id! }, { timeoutMs: 10_000 });
    expect(onlyNew(fromLast.events)).toHaveLength(0);
    expect(fromLast.events.at(-1)).toMatchObject({ event: 'end', data: { status: 'succeeded' } });
  });

  it('filters metrics by series, step and time, and pages a long read with `truncated`', async () => {
    const only = await trpcQuery<TGetRunMetricsResponse>(api, 'training.metrics', { id: trained.id, names: ['train/loss'], sinceStep: 30 }, { cookie: viewer });
    expect(only.data!.series).toEqual([{ name: 'train/loss', points: [32, 34, 36, 38, 40].map((step) => ({ step, value: expect.any(Number), time: expect.any(String) })) }]);
    expect(only.data).toMatchObject({ cursor: { 'train/loss': 40 }, truncated: false, done: true });
    const later = await trpcQuery<TGetRunMetricsResponse>(api, 'training.metrics', { id: trained.id, sinceTime: new Date(Date.now() + 60_000).toISOString() }, { cookie: viewer });
    expect(later.data!.series).toEqual([]);
    const first = await trpcQuery<TGetRunMetricsResponse>(api, 'training.metrics', { id: trained.id, limit: 7 }, { cookie: viewer });
    expect(first.data).toMatchObject({ truncated: true, done: false });
    expect(first.data!.series.flatMap((s) => s.points)).toHaveLength(7);
    const rest = await trpcQuery<TGetRunMetricsResponse>(api, 'training.metrics', { id: trained.id, after: first.data!.cursor }, { cookie: viewer });
    const total = await prisma.metricPoint.count({ where: { runId: trained.id } });
    expect(rest.data!.series.flatMap((s) => s.points)).toHaveLength(total - 7);
    expect(rest.data!.done).toBe(true);
  });

  it(
    'compares runs aligned by step: null where a run logged no value, thinned to maxPoints',
    async () => {
      const other = (await create(runInput({ steps: 20, progressEvery: 4, lr: 0.05, name: 'other' }))).data!;
      await waitFor(async () => (await getRun(other.id)).status === 'succeeded', 'the second run');
      const reply = await trpcQuery<TCompareRunsResponse>(api, 'training.compare', { ids: [trained.id, other.id], names: ['train/loss'] }, { cookie: viewer });
      expect(reply.error).toBeUndefined();
      const { runs, series } = reply.data!;
      expect(runs.map((r) => r.id)).toEqual([trained.id, other.id]);
      const rows = series[0]!.rows;
      expect(series[0]!.name).toBe('train/loss');
      expect(rows.map((r) => r.step)).toEqual(Array.from({ length: 20 }, (_, i) => 2 * (i + 1)));
      expect(rows.find((r) => r.step === 2)!.values).toEqual([expect.any(Number), null]);
      expect(rows.find((r) => r.step === 4)!.values).toEqual([expect.any(Number), expect.any(Number)]);
      expect(rows.find((r) => r.step === 24)!.values).toEqual([expect.any(Number), null]);
      const thin = await trpcQuery<TCompareRunsResponse>(api, 'training.compare', { ids: [trained.id, other.id], maxPoints: 5 }, { cookie: viewer });
      const loss = thin.data!.series.find((s) => s.name === 'train/loss')!;
      expect(loss.rows).toHaveLength(5);
      expect(loss.rows.at(-1)!.step).toBe(40);
      expect(thin.data!.series.map((s) => s.name)).toContain('eval/auroc');
      const missing = await trpcQuery(api, 'training.compare', { ids: [trained.id, '0190f0f0-0000-7000-8000-000000000003'] }, { cookie: viewer });
      expect([missing.status, missing.error?.data.param]).toEqual([404, 'ids.1']);
    },
    90_000,
  );

  it(
    'cancels through the jobs module: a queued run at once, a running one at its worker’s next heartbeat; a finished run is 409',
    async () => {
      const queued = await trpcMutation<TTrainingRun>(api, 'training.cancel', { id: gpuRun.id }, { cookie: researcher });
      expect(queued.data).toMatchObject({ status: 'cancelled', job: { status: 'cancelled' }, cancelRequestedAt: expect.any(String) });
      expect((await trpcMutation(api, 'training.cancel', { id: gpuRun.id }, { cookie: researcher })).status).toBe(409);

      const long = (await create(runInput({ steps: 5000, stepDelayMs: 20, name: 'to cancel' }))).data!;
      await waitFor(async () => ((await getRun(long.id)).step ?? 0) > 0, 'the long run to start');
      const cancelling = await trpcMutation<TTrainingRun>(api, 'training.cancel', { id: long.id }, { cookie: researcher });
      expect(cancelling.data).toMatchObject({ cancelRequestedAt: expect.any(String) });
      const cancelled = await waitFor(async () => {
        const run = await getRun(long.id);
        return run.status === 'cancelled' ? run : null;
      }, 'the running run to stop');
      expect(cancelled.step!).toBeLessThan(5000);
      expect(await prisma.checkpoint.count({ where: { runId: long.id } })).toBeGreaterThan(0); // it checkpointed on the way out

      const finished = await trpcMutation(api, 'training.cancel', { id: trained.id }, { cookie: researcher });
      expect([finished.status, finished.error?.data.param]).toEqual([409, 'id']);
      expect(await prisma.auditLog.count({ where: { action: 'job.cancel', entityId: { in: [gpuRun.job!.id, long.job!.id] } } })).toBe(2);
    },
    90_000,
  );

  it('lists runs newest first, filtered and paged, with their newest metrics; model kinds come from live workers', async () => {
    const page = await trpcQuery<TFindTrainingRunsResponse>(api, 'training.find', { limit: 2 }, { cookie: viewer });
    expect(page.data!.items).toHaveLength(2);
    const next = await trpcQuery<TFindTrainingRunsResponse>(api, 'training.find', { limit: 50, cursor: page.data!.nextCursor }, { cookie: viewer });
    const ids = [...page.data!.items, ...next.data!.items].map((r) => r.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(ids).toContain(trained.id);
    const succeeded = await trpcQuery<TFindTrainingRunsResponse>(api, 'training.find', { status: 'succeeded' }, { cookie: viewer });
    expect(succeeded.data!.items.every((r) => r.status === 'succeeded')).toBe(true);
    expect(succeeded.data!.items.find((r) => r.id === trained.id)?.latestMetrics['train/loss']).toMatchObject({ step: 40 });

    const kinds = await trpcQuery<TFindModelKindsResponse>(api, 'training.findModelKinds', undefined, { cookie: viewer });
    expect(kinds.data!.items).toContainEqual({ kind: 'test-mlp', workers: [{ id: WORKER_ID, backend: 'wasm', gpu: false }] });
    const unknown = await create({ ...runInput(), model: { kind: 'no-such-kind' } });
    expect([unknown.status, unknown.error?.data.param]).toEqual([422, 'model.kind']);
    expect(unknown.error?.message).toMatch(/test-mlp/);
  });
});

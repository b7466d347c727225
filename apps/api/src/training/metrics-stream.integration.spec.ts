/**
 * The metrics stream's design, with the worker's writes simulated by the same store function the
 * worker uses (recordMetricPoints) so each step is under the test's control: points pushed as
 * they are written, one poller per run however many streams watch it, `end` once the run
 * finished, and open streams closed (not waited for) when the API shuts down.
 */
import { recordMetricPoints, type PrismaClient } from '@prmbas/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ENV, databaseOf, signIn, TEST_ADMIN } from '../testing/auth-helpers';
import { startTestApi, type TestApi } from '../testing/test-api';
import { MetricsStreamHub } from './metrics-stream.hub';
import { createVersion, readSse, waitFor, type SseEvent } from './testing/training-fixtures';

describe('metrics stream', () => {
  let api: TestApi;
  let prisma: PrismaClient;
  let cookie: string;
  let datasetVersionId: string;
  let closed = false;

  beforeAll(async () => {
    api = await startTestApi({ env: ADMIN_ENV });
    prisma = databaseOf(api);
    cookie = await signIn(api, TEST_ADMIN.email, TEST_ADMIN.password);
    datasetVersionId = (await createVersion(prisma, 'ready')).id;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    if (!closed) await api?.close();
  });

  const runningRun = () => prisma.trainingRun.create({ data: { datasetVersionId, config: {}, status: 'running', startedAt: new Date() } });
  const pointsOf = (events: SseEvent[]) => events.filter((e) => e.event === 'metrics').flatMap((e) => (e.data as { points: { name: string; step: number }[] }).points.map((p) => `${p.name}@${p.step}`));

  it('pushes points as they are written, from one poller shared by every stream of the run, and ends when the run finishes', async () => {
    const run = await runningRun();
    await recordMetricPoints(prisma, run.id, 1, { 'train/loss': 0.9 });
    const seen: SseEvent[][] = [[], []];
    const streams = [0, 1].map((i) => readSse(api, `/training/runs/${run.id}/metrics/stream`, { cookie }, { timeoutMs: 30_000, stop: (e) => (seen[i]!.push(e), false) }));
    const hub = api.app.get(MetricsStreamHub);
    await waitFor(async () => seen.every((events) => pointsOf(events).includes('train/loss@1')), 'the history');
    expect(hub.watchedRuns).toBe(1);

    await recordMetricPoints(prisma, run.id, 2, { 'train/loss': 0.8, 'train/lr': 0.001 });
    await waitFor(async () => seen.every((events) => pointsOf(events).includes('train/lr@2')), 'the new points');
    // An eval point of an earlier step lands after later train points: the per-series cursor still delivers it.
    await recordMetricPoints(prisma, run.id, 3, { 'train/loss': 0.7 });
    await recordMetricPoints(prisma, run.id, 2, { 'eval/auroc': 0.6 });
    await prisma.trainingRun.update({ where: { id: run.id }, data: { status: 'succeeded', progress: 1, finishedAt: new Date() } });

    for (const stream of await Promise.all(streams)) {
      expect(stream.timedOut).toBe(false);
      expect(pointsOf(stream.events).sort()).toEqual(['eval/auroc@2', 'train/loss@1', 'train/loss@2', 'train/loss@3', 'train/lr@2']);
      expect(stream.events.at(-1)).toMatchObject({ event: 'end', data: { status: 'succeeded' } });
    }
    await waitFor(async () => hub.watchedRuns === 0, 'the poller to stop');
  });

  it('stops polling when the last stream of a run goes away', async () => {
    const run = await runningRun();
    const hub = api.app.get(MetricsStreamHub);
    const stream = readSse(api, `/training/runs/${run.id}/metrics/stream`, { cookie }, { timeoutMs: 30_000, stop: (e) => e.event === 'status' });
    await stream;
    await waitFor(async () => hub.watchedRuns === 0, 'the poller to stop after the client left');
  });

  it('closes open streams when the API shuts down instead of holding the shutdown up', async () => {
    const run = await runningRun();
    let opened = false;
    const stream = readSse(api, `/training/runs/${run.id}/metrics/stream`, { cookie }, { timeoutMs: 30_000, stop: (e) => ((opened ||= e.event === 'status'), false) });
    await waitFor(async () => opened, 'the stream to open');
    const started = Date.now();
    closed = true;
    await api.close();
    expect(Date.now() - started).toBeLessThan(3000); // SHUTDOWN_TIMEOUT_MS is 5000 in tests
    const { events, timedOut } = await stream;
    expect(timedOut).toBe(false);
    expect(events.at(-1)).toMatchObject({ event: 'close' });
  });
});

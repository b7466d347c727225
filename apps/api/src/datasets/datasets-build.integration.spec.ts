/**
 * A version built from the synth suite: `datasets.buildVersion` writes the building version and its
 * `dataset.build` job in one transaction; a real worker process builds it; the version then shows
 * its records, stats and the job's progress, and its questions browse with their images.
 */
import type { TBuildDatasetVersionResponse, TDatasetVersion, TFindDatasetQuestionsResponse } from '@prmbas/contracts';
import type { PrismaClient } from '@prmbas/db';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiWithRoles } from '../testing/auth-helpers';
import { createDataset } from '../testing/dataset-fixtures';
import { runTs, WORKSPACE_ROOT, type NodeProcess } from '../testing/node-process';
import type { TestApi } from '../testing/test-api';
import { trpcMutation, trpcQuery } from '../testing/trpc-http';

const SIZE = 3;
const SOLUTIONS = 2;

describe('building a dataset version from the synth suite', () => {
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

  const buildInput = (datasetId: string) => ({
    datasetId,
    suite: { kind: 'synth', size: SIZE, seed: 3 },
    policy: { kind: 'sim', capability: 0.5 },
    build: { solutions: SOLUTIONS, rollouts: 2, siblings: 1, maxSteps: 6 },
    requirements: { backend: 'wasm' },
  });

  it('enqueues the build with its version (audited), refuses bad input, and a worker builds it', async () => {
    const dataset = await createDataset(api, researcher);
    const started = await trpcMutation<TBuildDatasetVersionResponse>(api, 'datasets.buildVersion', buildInput(dataset.id), { cookie: researcher });
    expect(started.error).toBeUndefined();
    const { version, job } = started.data!;
    expect(version).toMatchObject({ datasetId: dataset.id, version: 1, status: 'building', recordCount: 0, build: { jobId: job.id, status: 'queued', progress: null } });
    expect(version.config).toMatchObject({ solutions: SOLUTIONS, rollouts: 2 });
    expect(job).toMatchObject({ kind: 'dataset.build', status: 'queued', queue: 'dataset.build.backend-wasm', datasetVersionId: version.id, payload: { datasetVersionId: version.id, suite: { size: SIZE } } });
    const actions = (await prisma.auditLog.findMany({ where: { entityId: { in: [version.id, job.id] } }, orderBy: { createdAt: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['dataset_version.create', 'job.create']);

    expect((await trpcMutation(api, 'datasets.buildVersion', buildInput(dataset.id), { cookie: viewer })).error?.data.code).toBe('FORBIDDEN');
    const unknown = await trpcMutation(api, 'datasets.buildVersion', buildInput('0190f0f0-0000-7000-8000-000000000001'), { cookie: researcher });
    expect(unknown.error?.data).toMatchObject({ httpStatus: 404, param: 'datasetId' });
    const invalid = await trpcMutation(api, 'datasets.buildVersion', { ...buildInput(dataset.id), suite: { kind: 'synth', size: 0 } }, { cookie: researcher });
    expect(invalid.error?.data).toMatchObject({ httpStatus: 400 });
    expect(JSON.stringify(invalid.error?.data.issues)).toMatch(/suite\.size/);
    // Neither refusal left a version behind.
    expect(await prisma.datasetVersion.count({ where: { datasetId: dataset.id } })).toBe(1);

    worker = runTs(path.join(WORKSPACE_ROOT, 'apps/worker/src/main.ts'), {
      DATABASE_URL: api.config.databaseUrl!,
      WORKER_ID: 'datasets-test-worker',
      WORKER_BACKEND: 'wasm',
      WORKER_KINDS: 'dataset.build',
      WORKER_POLL_MS: '100',
      WORKER_HEARTBEAT_MS: '250',
      WORKER_STALE_AFTER_MS: '1500',
    });
    const deadline = Date.now() + 60_000;
    let seen: TDatasetVersion = version;
    // The version turns ready when its last record is stored; the job records its outcome just after.
    while ((seen.status === 'building' || seen.build?.status === 'queued' || seen.build?.status === 'running') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      seen = (await trpcQuery<TDatasetVersion>(api, 'datasets.getVersion', { id: version.id }, { cookie: viewer })).data!;
    }
    expect(seen).toMatchObject({
      status: 'ready',
      recordCount: SIZE * SOLUTIONS,
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      build: { jobId: job.id, status: 'succeeded', progress: 1, workerId: 'datasets-test-worker', error: null },
      stats: { questions: SIZE, solutions: SIZE * SOLUTIONS },
    });
    expect(seen.header).toMatchObject({ suite: { kind: 'synth', size: SIZE, seed: 3 }, policy: { kind: 'sim' } });

    const questions = await trpcQuery<TFindDatasetQuestionsResponse>(api, 'datasets.findQuestions', { versionId: version.id }, { cookie: viewer });
    expect(questions.data!.items).toHaveLength(SIZE);
    for (const q of questions.data!.items) {
      expect(q.solutions).toHaveLength(SOLUTIONS);
      expect(q.solutions[0]!.steps.length).toBeGreaterThan(0);
      const image = await api.request(q.images[0]!.url, { headers: { cookie: viewer } });
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
    }
  });
});

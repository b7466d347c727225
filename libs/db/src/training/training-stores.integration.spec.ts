/** Checkpoints, metric points and trained model versions in Postgres. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../client';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database';
import { recordMetricPoints } from './metric-points';
import { readModelArtifact, saveTrainedModelVersion } from './model-version-store';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';

describe('training stores', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let runId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url);
    const dataset = await prisma.dataset.create({ data: { name: 'training-stores' } });
    const version = await prisma.datasetVersion.create({ data: { datasetId: dataset.id, version: 1, status: 'ready', config: {}, header: {} } });
    runId = (await prisma.trainingRun.create({ data: { datasetVersionId: version.id, config: {} } })).id;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  it('saves, lists and loads checkpoints, keeps the newest N and deletes the others with their bytes', async () => {
    const store = new PostgresCheckpointStore(prisma, runId, { keepLast: 2, writer: { workerId: 'w', attempt: 1 } });
    for (const step of [10, 20, 30]) await store.save(step, Uint8Array.from([step, 1, 2, 3]));
    expect(await store.list()).toEqual([20, 30]);
    expect(Array.from((await store.load(30))!)).toEqual([30, 1, 2, 3]);
    expect(await store.load(10)).toBeNull();
    expect(await prisma.blob.count({ where: { contentType: 'application/vnd.prmbas.checkpoint' } })).toBe(2);
    // A step saved again (a resumed attempt reaching it) replaces the row.
    await new PostgresCheckpointStore(prisma, runId, { keepLast: 2, writer: { workerId: 'w2', attempt: 2 } }).save(30, Uint8Array.from([9]));
    const row = await prisma.checkpoint.findUniqueOrThrow({ where: { runId_step: { runId, step: 30 } } });
    expect(row.metrics).toMatchObject({ workerId: 'w2', attempt: 2 });
    expect(Array.from((await store.load(30))!)).toEqual([9]);
  });

  it('writes finite metric points once per (name, step)', async () => {
    expect(await recordMetricPoints(prisma, runId, 5, { 'train/loss': 0.7, 'eval/auroc': null, bad: Number.NaN })).toBe(1);
    expect(await recordMetricPoints(prisma, runId, 5, { 'train/loss': 0.7 })).toBe(0);
    expect(await prisma.metricPoint.findMany({ where: { runId } })).toMatchObject([{ name: 'train/loss', step: 5, value: 0.7 }]);
  });

  it('stores one model version per run with its sha256, and returns it on a second save', async () => {
    const bytes = Uint8Array.from([1, 2, 3, 4, 5]);
    const first = await saveTrainedModelVersion(prisma, { trainingRunId: runId, name: 'm', format: 'prmbas-prm/1', bytes, metrics: { auroc: 0.8 } });
    expect(first).toMatchObject({ created: true, sha256: '74f81fe167d99b4cb41d6d0ccda82278caee9f3e2f25d5e5a3936ff3dcec60d0' });
    const second = await saveTrainedModelVersion(prisma, { trainingRunId: runId, name: 'm', format: 'prmbas-prm/1', bytes: Uint8Array.from([9]), metrics: {} });
    expect(second).toMatchObject({ created: false, modelVersion: { id: first.modelVersion.id }, sha256: first.sha256 });
    expect(Array.from((await readModelArtifact(prisma, first.modelVersion.id))!.bytes)).toEqual([1, 2, 3, 4, 5]);
  });
});

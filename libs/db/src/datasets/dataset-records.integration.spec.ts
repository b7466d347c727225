/**
 * A version read as a stream (a few questions per page, as exports read it) gives exactly the
 * records `readDatasetRecords` gives, in (question id, solution index) order, inside a
 * transaction too.
 */
import { SimPolicy } from '@prmbas/policy';
import { buildDataset, datasetDigest } from '@prmbas/rollouts';
import { generateSuite, isCorrect } from '@prmbas/tasks';
import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '../client';
import { readDatasetRecords, streamDatasetRecords } from './dataset-records';
import { questionImageRef } from './image-refs';
import { PostgresDatasetStore } from './postgres-dataset-store';
import { useTestPrisma } from '../testing/use-test-prisma';

describe('streamDatasetRecords', () => {
  let prisma: PrismaClient;
  useTestPrisma((t) => void (prisma = t.prisma));

  it('pages through a version and yields the records readDatasetRecords reads', async () => {
    const dataset = await prisma.dataset.create({ data: { name: 'stream' } });
    const version = await prisma.datasetVersion.create({ data: { datasetId: dataset.id, version: 1, config: {}, header: {} } });
    const questions = generateSuite({ size: 5, seed: 2 });
    await buildDataset({
      questions,
      policy: new SimPolicy({ capability: 0.5 }),
      isCorrect: (answer, q) => isCorrect(answer, q.answer, q),
      store: new PostgresDatasetStore(prisma, version.id, { questions, digest: datasetDigest }),
      config: { solutions: 2, rollouts: 2, siblings: 1, maxSteps: 5 },
      imageRef: questionImageRef,
    });
    const streamed = [];
    for await (const record of streamDatasetRecords(prisma, version.id, { questionsPerPage: 2 })) streamed.push(record);
    const expectedOrder = [...questions.map((q) => q.id)].sort().flatMap((id) => [`${id}#0`, `${id}#1`]);
    expect(streamed.map((r) => r.id)).toEqual(expectedOrder);
    expect(datasetDigest(streamed)).toBe(datasetDigest(await readDatasetRecords(prisma, version.id)));

    const inline = [];
    for await (const record of streamDatasetRecords(prisma, version.id, { questionsPerPage: 3, images: 'data-url' })) inline.push(record);
    expect(inline.every((r) => r.image?.startsWith('data:image/png;base64,'))).toBe(true);
    const inTransaction = await prisma.$transaction((tx) => readDatasetRecords(tx, version.id));
    expect(inTransaction).toHaveLength(10);
  });
});

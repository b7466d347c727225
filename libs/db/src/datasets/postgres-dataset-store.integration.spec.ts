/**
 * The builder's Postgres store: records read back equal the records written (so digests agree
 * with a file or memory build), a second write of a record is a no-op, and questions come back
 * with their image bytes.
 */
import { SimPolicy } from '@prmbas/policy';
import { buildDataset, datasetDigest, MemoryDatasetStore, type SolutionRecord } from '@prmbas/rollouts';
import { generateSuite, isCorrect } from '@prmbas/tasks';
import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '../client';
import { readDatasetQuestions, readDatasetRecords } from './dataset-records';
import { questionImageRef } from './image-refs';
import { PostgresDatasetStore } from './postgres-dataset-store';
import { useTestPrisma } from '../testing/use-test-prisma';

describe('PostgresDatasetStore', () => {
  let prisma: PrismaClient;
  useTestPrisma((t) => void (prisma = t.prisma));

  const newVersion = async () => {
    const dataset = await prisma.dataset.create({ data: { name: `d-${Math.random().toString(36).slice(2)}` } });
    return prisma.datasetVersion.create({ data: { datasetId: dataset.id, version: 1, config: {}, header: {} } });
  };

  it('stores what the builder writes and reads back the same records', async () => {
    const questions = generateSuite({ size: 4, seed: 11 });
    const options = {
      questions,
      policy: new SimPolicy({ capability: 0.5 }),
      isCorrect: (answer: string, q: (typeof questions)[number]) => isCorrect(answer, q.answer, q),
      config: { solutions: 2, rollouts: 3, siblings: 2, maxSteps: 6 },
      imageRef: questionImageRef,
    };
    const memory = new MemoryDatasetStore();
    await buildDataset({ ...options, store: memory });
    const version = await newVersion();
    const store = new PostgresDatasetStore(prisma, version.id, { questions, digest: datasetDigest });
    await buildDataset({ ...options, store });

    const stored = await readDatasetRecords(prisma, version.id);
    const expected = [...memory.records].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(stored).toEqual(expected);
    expect((await store.doneIds()).size).toBe(8);
    expect(await prisma.datasetVersion.findUniqueOrThrow({ where: { id: version.id } })).toMatchObject({ status: 'ready', recordCount: 8, digest: datasetDigest(expected) });

    const back = await readDatasetQuestions(prisma, version.id);
    const byId = new Map(questions.map((q) => [q.id, q]));
    expect(back).toHaveLength(4);
    for (const q of back) {
      const original = byId.get(q.id)!;
      expect(Buffer.from(q.images[0]!.data).equals(Buffer.from(original.images[0]!.data))).toBe(true);
      expect(q).toMatchObject({ text: original.text, answer: original.answer, answerType: original.answerType });
    }
    const withUrls = await readDatasetRecords(prisma, version.id, { images: 'data-url' });
    expect(withUrls[0]!.image).toMatch(/^data:image\/png;base64,/);
  });

  it('keeps one copy of a record written twice, and tells "no siblings" from "siblings all repeated"', async () => {
    const version = await newVersion();
    const store = new PostgresDatasetStore(prisma, version.id, { digest: datasetDigest });
    const record: SolutionRecord = {
      id: 'q1#0',
      questionId: 'q1',
      question: 'How many?',
      image: null,
      answer: '3',
      answerType: 'number',
      steps: [
        { text: 'count', value: 0.5, rollouts: 4, correct: 2, terminal: false, siblings: [] },
        { text: 'Answer: 3', value: 1, rollouts: 0, correct: 1, terminal: true, answer: '3' },
      ],
      finalAnswer: '3',
      correct: true,
      meta: { solutionIndex: 0 },
    };
    await store.append(record);
    await new PostgresDatasetStore(prisma, version.id, { digest: datasetDigest }).append({ ...record, finalAnswer: 'other' });
    expect(await readDatasetRecords(prisma, version.id)).toEqual([record]);
    expect(await prisma.datasetStep.count({ where: { solution: { datasetVersionId: version.id } } })).toBe(2);
    await expect(store.append({ ...record, id: 'q1-0' })).rejects.toThrow(/q1#<solution index>/);
  });
});

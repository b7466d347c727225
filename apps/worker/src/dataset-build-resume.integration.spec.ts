/**
 * A worker SIGKILLed in the middle of a dataset build: the retry on another worker builds only
 * the missing solutions, and the version ends with every solution exactly once — the same
 * records, digest included, as an uninterrupted build.
 */
import { ZDatasetBuildPayload } from '@prmbas/contracts';
import { enqueueJob, PostgresDatasetStore, questionImageRef, readDatasetRecords, type PrismaClient, type TestDatabase } from '@prmbas/db';
import { SimPolicy } from '@prmbas/policy';
import { buildDataset, datasetDigest } from '@prmbas/rollouts';
import { generateSuite, isCorrect, suiteDigest } from '@prmbas/tasks';
import type PgBoss from 'pg-boss';
import { describe, expect, it } from 'vitest';
import { createBuildingVersion } from './testing/job-fixtures';
import { startWorkerProcess, waitFor, type WorkerProcess } from './testing/worker-process';
import { useWorkerTestbed } from './testing/worker-testbed';

const QUESTIONS = 8;
const SOLUTIONS = 2;
// Latency per policy call slows the build to a few records a second: time to kill it midway.
const payload = (datasetVersionId: string) =>
  ZDatasetBuildPayload.parse({
    datasetVersionId,
    suite: { kind: 'synth', size: QUESTIONS, seed: 5 },
    policy: { kind: 'sim', capability: 0.5, latencyMs: 10 },
    build: { solutions: SOLUTIONS, rollouts: 4, siblings: 2, maxSteps: 8, concurrency: 1 },
  });

describe('a dataset build whose worker is killed', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let boss: PgBoss;
  const workers: WorkerProcess[] = [];

  useWorkerTestbed(workers, (bed) => void ({ db, prisma, boss } = bed));

  it('resumes on another worker without duplicates or missing solutions', async () => {
    const version = await createBuildingVersion(prisma);
    const job = await enqueueJob(prisma, boss, { kind: 'dataset.build', payload: payload(version.id), datasetVersionId: version.id, retryDelaySeconds: 0 });

    const a = startWorkerProcess({ id: 'builder-a', databaseUrl: db.url });
    workers.push(a);
    await waitFor(async () => (await prisma.datasetSolution.count({ where: { datasetVersionId: version.id } })) >= 3, '3 stored solutions', 30_000, 20);
    expect(await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: 'running', workerId: 'builder-a' });
    expect((await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).progress).toBeGreaterThan(0);
    a.kill('SIGKILL');
    await a.exited;
    const storedAtKill = await prisma.datasetSolution.count({ where: { datasetVersionId: version.id } });
    expect(storedAtKill).toBeLessThan(QUESTIONS * SOLUTIONS);

    const b = startWorkerProcess({ id: 'builder-b', databaseUrl: db.url });
    workers.push(b);
    await waitFor(async () => (await prisma.job.findUniqueOrThrow({ where: { id: job.id } })).status === 'succeeded', 'the build to succeed on worker b', 45_000);

    const done = await prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(done).toMatchObject({ attempts: 2, workerId: 'builder-b' });
    const result = done.result as { records: number; total: number; resumedRecords: number; digest: string };
    expect(result).toMatchObject({ records: QUESTIONS * SOLUTIONS, total: QUESTIONS * SOLUTIONS });
    // b built only what a had not stored.
    expect(result.resumedRecords).toBeGreaterThanOrEqual(storedAtKill);

    // Every (question, solution) exactly once, every question once with its image.
    const solutions = await prisma.datasetSolution.findMany({ where: { datasetVersionId: version.id }, include: { question: true } });
    const keys = solutions.map((s) => `${s.question.externalId}#${s.solutionIndex}`);
    expect(new Set(keys).size).toBe(QUESTIONS * SOLUTIONS);
    expect(keys).toHaveLength(QUESTIONS * SOLUTIONS);
    expect(await prisma.datasetQuestion.count({ where: { datasetVersionId: version.id } })).toBe(QUESTIONS);
    expect(await prisma.questionImage.count({ where: { question: { datasetVersionId: version.id } } })).toBe(QUESTIONS);

    const built = await prisma.datasetVersion.findUniqueOrThrow({ where: { id: version.id } });
    expect(built).toMatchObject({ status: 'ready', recordCount: QUESTIONS * SOLUTIONS, digest: result.digest, error: null });
    expect((built.header as { suiteDigest: string }).suiteDigest).toBeTruthy();

    // The records equal an uninterrupted build's (same config; a policy without latency, same provenance).
    const reference = await createBuildingVersion(prisma);
    const questions = generateSuite({ size: QUESTIONS, seed: 5 });
    const p = payload(version.id);
    await buildDataset({
      questions,
      policy: new SimPolicy({ capability: 0.5 }),
      isCorrect: (answer, question) => isCorrect(answer, question.answer, question),
      store: new PostgresDatasetStore(prisma, reference.id, { questions, digest: datasetDigest }),
      config: p.build,
      imageRef: questionImageRef,
      provenance: { policySpec: p.policy, suiteDigest: suiteDigest(questions) },
    });
    const [resumed, uninterrupted] = await Promise.all([readDatasetRecords(prisma, version.id), readDatasetRecords(prisma, reference.id)]);
    expect(resumed).toEqual(uninterrupted);
    expect((await prisma.datasetVersion.findUniqueOrThrow({ where: { id: reference.id } })).digest).toBe(built.digest);
  });
});

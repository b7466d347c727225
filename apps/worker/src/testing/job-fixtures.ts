/** Rows the worker tests start from: dataset versions (empty or built in-process), training runs. */
import { PostgresDatasetStore, questionImageRef, type DatasetVersion, type Prisma, type PrismaClient, type TrainingRun } from '@prmbas/db';
import { buildDataset, datasetDigest, type DatasetBuildConfig } from '@prmbas/rollouts';
import { generateSuite, isCorrect } from '@prmbas/tasks';
import { SimPolicy } from '@prmbas/policy';
import { randomBytes } from 'node:crypto';

/** A new dataset with one empty, building version (no header yet: the build job sets it). */
export async function createBuildingVersion(prisma: PrismaClient): Promise<DatasetVersion> {
  const dataset = await prisma.dataset.create({ data: { name: `test-${randomBytes(4).toString('hex')}` } });
  return prisma.datasetVersion.create({ data: { datasetId: dataset.id, version: 1, config: {}, header: {} } });
}

/** A ready version built here, in-process (sim policy, tiny budget): training data for the train tests. */
export async function buildReadyVersion(prisma: PrismaClient, options: { size?: number; seed?: number; build?: Partial<DatasetBuildConfig> } = {}): Promise<DatasetVersion> {
  const version = await createBuildingVersion(prisma);
  const questions = generateSuite({ size: options.size ?? 6, seed: options.seed ?? 3 });
  const store = new PostgresDatasetStore(prisma, version.id, { questions, digest: datasetDigest });
  await buildDataset({
    questions,
    policy: new SimPolicy({ capability: 0.5 }),
    isCorrect: (answer, question) => isCorrect(answer, question.answer, question),
    store,
    config: { solutions: 2, rollouts: 4, siblings: 2, maxSteps: 8, ...options.build },
    imageRef: questionImageRef,
  });
  return prisma.datasetVersion.findUniqueOrThrow({ where: { id: version.id } });
}

export async function createTrainingRun(prisma: PrismaClient, datasetVersionId: string, config: Record<string, unknown>): Promise<TrainingRun> {
  return prisma.trainingRun.create({ data: { datasetVersionId, config: config as Prisma.InputJsonObject, name: 'test run' } });
}

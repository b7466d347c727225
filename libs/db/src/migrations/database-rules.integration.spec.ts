/**
 * What the init migration adds beyond schema.prisma: frozen dataset versions are immutable
 * (triggers), and CHECK constraints. Plus the relations' onDelete behaviour that matters.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '../client';
import { createModelVersion, createUser } from '../testing/fixtures';
import { useTestPrisma } from '../testing/use-test-prisma';

describe('database rules', () => {
  let prisma: PrismaClient;
  useTestPrisma((t) => void (prisma = t.prisma));

  /** A dataset version with one question (one image), one solution, two steps and a sibling group. */
  async function buildVersion(version: number) {
    const dataset = await prisma.dataset.upsert({ where: { name: 'synth-steps' }, create: { name: 'synth-steps' }, update: {} });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, version]);
    const blob = await prisma.blob.create({
      data: { sha256: createHash('sha256').update(png).digest('hex'), byteSize: png.length, contentType: 'image/png', storage: 'postgres', data: png },
    });
    const v = await prisma.datasetVersion.create({ data: { datasetId: dataset.id, version, config: { rollouts: 8 }, header: { suite: 'synth' } } });
    const question = await prisma.datasetQuestion.create({
      data: { datasetVersionId: v.id, externalId: 'q1', text: 'How many?', answer: '3', answerType: 'number', images: { create: { position: 0, blobId: blob.id } } },
    });
    const solution = await prisma.datasetSolution.create({ data: { datasetVersionId: v.id, questionId: question.id, solutionIndex: 0, finalAnswer: '3', correct: true } });
    const group = await prisma.siblingGroup.create({ data: { solutionId: solution.id, position: 0 } });
    const step = await prisma.datasetStep.create({
      data: { solutionId: solution.id, position: 0, groupId: group.id, text: 'Count the bars.', value: 0.75, rollouts: 8, correctRollouts: 6, terminal: false },
    });
    await prisma.datasetStep.create({
      data: { solutionId: solution.id, position: 0, siblingIndex: 1, groupId: group.id, text: 'Guess.', value: 0.125, rollouts: 8, correctRollouts: 1, terminal: false },
    });
    return { version: v, question, solution, group, step };
  }

  const freeze = (id: string) => prisma.datasetVersion.update({ where: { id }, data: { status: 'frozen', frozenAt: new Date() } });

  it('a frozen dataset version and its records cannot change', async () => {
    const { version, question, solution, step } = await buildVersion(1);
    await freeze(version.id);

    const frozen = /dataset version .* is frozen/;
    await expect(prisma.datasetStep.update({ where: { id: step.id }, data: { value: 1 } })).rejects.toThrow(frozen);
    await expect(prisma.datasetStep.delete({ where: { id: step.id } })).rejects.toThrow(frozen);
    await expect(
      prisma.datasetStep.create({ data: { solutionId: solution.id, position: 1, text: 'More.', value: 1, rollouts: 0, correctRollouts: 1, terminal: true } }),
    ).rejects.toThrow(frozen);
    await expect(prisma.datasetSolution.create({ data: { datasetVersionId: version.id, questionId: question.id, solutionIndex: 1, correct: false } })).rejects.toThrow(frozen);
    await expect(prisma.datasetQuestion.update({ where: { id: question.id }, data: { answer: '4' } })).rejects.toThrow(frozen);
    await expect(prisma.questionImage.deleteMany({ where: { questionId: question.id } })).rejects.toThrow(frozen);
    await expect(prisma.siblingGroup.deleteMany({ where: { solutionId: solution.id } })).rejects.toThrow(frozen);
    await expect(prisma.datasetVersion.update({ where: { id: version.id }, data: { status: 'ready', frozenAt: null } })).rejects.toThrow(frozen);
    await expect(prisma.datasetVersion.update({ where: { id: version.id }, data: { recordCount: 99 } })).rejects.toThrow(frozen);
    expect(await prisma.datasetStep.findUniqueOrThrow({ where: { id: step.id } })).toMatchObject({ value: 0.75 });

    // Human labels are annotations, not content: still writable.
    const annotator = await createUser(prisma, { role: 'annotator' });
    await expect(prisma.stepLabel.create({ data: { stepId: step.id, authorId: annotator.id, label: 'correct', comment: 'fine' } })).resolves.toBeDefined();
  });

  it('an unfrozen version stays editable, and a frozen one can still be deleted whole', async () => {
    const { version, step } = await buildVersion(2);
    await prisma.datasetStep.update({ where: { id: step.id }, data: { value: 0.875, correctRollouts: 7 } });
    await freeze(version.id);
    await prisma.datasetVersion.delete({ where: { id: version.id } });
    expect(await prisma.datasetStep.count({ where: { id: step.id } })).toBe(0);
  });

  it('a dataset version used for training cannot be deleted (Restrict)', async () => {
    const { version } = await buildVersion(3);
    await prisma.trainingRun.create({ data: { datasetVersionId: version.id, config: { epochs: 1 } } });
    await expect(prisma.datasetVersion.delete({ where: { id: version.id } })).rejects.toThrow();
  });

  it('CHECK constraints hold what Prisma cannot express', async () => {
    const bytes = Buffer.from('x');
    const sha = createHash('sha256').update(bytes).digest('hex');
    await expect(prisma.blob.create({ data: { sha256: sha, byteSize: 1, contentType: 'text/plain', storage: 'postgres' } })).rejects.toThrow(/blobs_storage_check/);
    await expect(prisma.blob.create({ data: { sha256: 'nothex', byteSize: 1, contentType: 'text/plain', storage: 'postgres', data: bytes } })).rejects.toThrow(/blobs_content_check/);

    const model = await createModelVersion(prisma);
    await prisma.modelAlias.create({ data: { name: 'production', modelVersionId: model.id } });
    await expect(
      prisma.deployment.create({ data: { name: 'both', policyConfig: {}, strategyConfig: {}, prmModelVersionId: model.id, prmAliasName: 'production' } }),
    ).rejects.toThrow(/deployments_prm_check/);

    const { solution } = await buildVersion(4);
    await expect(
      prisma.datasetStep.create({ data: { solutionId: solution.id, position: 1, text: 'x', value: 1.5, rollouts: 8, correctRollouts: 12, terminal: false } }),
    ).rejects.toThrow(/dataset_steps_value_check/);
    const dataset = await prisma.dataset.findUniqueOrThrow({ where: { name: 'synth-steps' } });
    await expect(
      prisma.datasetVersion.create({ data: { datasetId: dataset.id, version: 9, status: 'frozen', config: {}, header: {} } }),
    ).rejects.toThrow(/dataset_versions_frozen_check/);
  });
});

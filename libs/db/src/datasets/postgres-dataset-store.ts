/**
 * The dataset builder's `DatasetStore` over Postgres: each solution record becomes its
 * `dataset_solutions` row with its steps and sibling groups, written in one transaction, so a
 * record is stored whole or not at all. `doneIds` reads what is stored, so a build retried after
 * its worker died resumes where the database says it stopped. The unique (question, solution
 * index) key — the record id `${questionId}#${j}` — makes a second write of the same record
 * (a retry racing a worker presumed dead) a no-op instead of a duplicate.
 *
 * Questions (text, gold answer, images as blobs) are written the first time one of their records
 * arrives. Images go through an `ImageStore` (Postgres or disk, with its limits).
 */
import type { DatasetStore, SolutionRecord } from '@prmbas/rollouts';
import type { Question } from '@prmbas/tasks';
import type { PrismaClient } from '../client';
import { Prisma } from '../generated/prisma/client';
import { PostgresImageStore } from '../images/blob-image-stores';
import type { ImageStore } from '../images/image-store';
import { readDatasetRecords } from './dataset-records';

export interface PostgresDatasetStoreOptions {
  /** The build's questions, by id: their images, precision, unit and metadata are stored with them. */
  questions?: readonly Question[];
  images?: ImageStore;
  /**
   * The dataset digest written by `finish` (`datasetDigest` of @prmbas/rollouts). Injected so this
   * server library does not load the ML libraries at run time.
   */
  digest: (records: readonly SolutionRecord[]) => string;
}

export class PostgresDatasetStore implements DatasetStore {
  private readonly questions: Map<string, Question>;
  private readonly images: ImageStore;
  /** Question row ids by external id; promises, so concurrent records of one question create it once. */
  private readonly questionRows = new Map<string, Promise<string>>();

  constructor(
    private readonly prisma: PrismaClient,
    readonly datasetVersionId: string,
    private readonly options: PostgresDatasetStoreOptions,
  ) {
    this.questions = new Map((options.questions ?? []).map((q) => [q.id, q]));
    this.images = options.images ?? new PostgresImageStore(prisma);
  }

  async doneIds(): Promise<ReadonlySet<string>> {
    const rows = await this.prisma.datasetSolution.findMany({
      where: { datasetVersionId: this.datasetVersionId },
      select: { solutionIndex: true, question: { select: { externalId: true } } },
    });
    return new Set(rows.map((r) => `${r.question.externalId}#${r.solutionIndex}`));
  }

  async append(record: SolutionRecord): Promise<void> {
    const solutionIndex = solutionIndexOf(record);
    const questionId = await this.questionRow(record);
    await this.prisma.$transaction(async (tx) => {
      const [solution] = await tx.datasetSolution.createManyAndReturn({
        data: [
          {
            datasetVersionId: this.datasetVersionId,
            questionId,
            solutionIndex,
            finalAnswer: record.finalAnswer,
            correct: record.correct,
            meta: record.meta as Prisma.InputJsonObject,
          },
        ],
        skipDuplicates: true,
        select: { id: true },
      });
      // Already stored (an earlier attempt got this far): keep the first copy, write nothing.
      if (!solution) return;
      const steps: Prisma.DatasetStepCreateManyInput[] = [];
      for (const [position, step] of record.steps.entries()) {
        let groupId: string | null = null;
        // `siblings: []` (sampled, all repeats) is a group of one; absent = no group: both survive the round trip.
        if (step.siblings !== undefined) {
          groupId = (await tx.siblingGroup.create({ data: { solutionId: solution.id, position }, select: { id: true } })).id;
        }
        steps.push(stepRow(solution.id, position, 0, groupId, step));
        step.siblings?.forEach((sibling, k) => steps.push(stepRow(solution.id, position, k + 1, groupId, sibling)));
      }
      await tx.datasetStep.createMany({ data: steps });
    });
  }

  async finish(info: Record<string, unknown>): Promise<void> {
    const records = await readDatasetRecords(this.prisma, this.datasetVersionId, { images: 'ref', imageStore: this.images });
    await this.prisma.datasetVersion.update({
      where: { id: this.datasetVersionId },
      data: {
        status: 'ready',
        report: JSON.parse(JSON.stringify(info)) as Prisma.InputJsonObject,
        digest: this.options.digest(records),
        recordCount: records.length,
        error: null,
      },
    });
  }

  async close(): Promise<void> {}

  private questionRow(record: SolutionRecord): Promise<string> {
    let row = this.questionRows.get(record.questionId);
    if (!row) {
      row = this.createQuestion(record);
      row.catch(() => this.questionRows.delete(record.questionId));
      this.questionRows.set(record.questionId, row);
    }
    return row;
  }

  private async createQuestion(record: SolutionRecord): Promise<string> {
    const key = { datasetVersionId_externalId: { datasetVersionId: this.datasetVersionId, externalId: record.questionId } };
    const existing = await this.prisma.datasetQuestion.findUnique({ where: key, select: { id: true } });
    if (existing) return existing.id;
    const question = this.questions.get(record.questionId);
    const images = [];
    for (const image of question?.images ?? []) images.push({ ref: await this.images.put({ mime: image.mime, data: image.data }), source: image.source ?? null });
    try {
      const created = await this.prisma.datasetQuestion.create({
        data: {
          datasetVersionId: this.datasetVersionId,
          externalId: record.questionId,
          text: record.question,
          answer: record.answer,
          answerType: record.answerType,
          choices: record.choices ?? [],
          precision: question?.precision ?? null,
          unit: question?.unit ?? null,
          meta: question ? (JSON.parse(JSON.stringify(question.meta)) as Prisma.InputJsonObject) : Prisma.JsonNull,
          images: { create: images.map(({ ref, source }, position) => ({ position, blobId: ref.id, source })) },
        },
        select: { id: true },
      });
      return created.id;
    } catch (error) {
      // Another writer (a retry racing a stale attempt) created it first: use that row.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        return (await this.prisma.datasetQuestion.findUniqueOrThrow({ where: key, select: { id: true } })).id;
      }
      throw error;
    }
  }
}

function solutionIndexOf(record: SolutionRecord): number {
  const prefix = `${record.questionId}#`;
  const j = record.id.startsWith(prefix) ? Number(record.id.slice(prefix.length)) : NaN;
  if (!Number.isInteger(j) || j < 0) throw new Error(`PostgresDatasetStore: record id ${JSON.stringify(record.id)} is not "${prefix}<solution index>"`);
  return j;
}

/** What a dataset_steps row holds of a step (a solution step or a sibling). */
export type StoredStep = Pick<SolutionRecord['steps'][number], 'text' | 'value' | 'rollouts' | 'correct' | 'terminal' | 'answer'>;

/** The dataset_steps row of one step; shared by the resumable build store and the API's importer. */
export function stepRow(solutionId: string, position: number, siblingIndex: number, groupId: string | null, step: StoredStep): Prisma.DatasetStepCreateManyInput {
  return {
    solutionId,
    position,
    siblingIndex,
    groupId,
    text: step.text,
    value: step.value,
    rollouts: step.rollouts,
    correctRollouts: step.correct,
    terminal: step.terminal,
    answer: step.answer ?? null,
  };
}

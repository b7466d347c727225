/**
 * A version's content in Postgres: questions with images, solutions, steps and their human labels
 * (browse), the two edits allowed before a freeze (question text/answer, delete a solution) with
 * the version's digest kept current, image bytes, and the records as a stream (export).
 */
import { Inject, Injectable } from '@nestjs/common';
import { auditedMutation, readDatasetRecords, streamDatasetRecords, type AuditContext, type Db, type Prisma, type PrismaClient } from '@prmbas/db';
import { datasetDigest, type SolutionRecord } from '@prmbas/rollouts';
import { PRISMA } from '../database/prisma.token';
import { AppError } from '../errors/app-error';
import type { StoredImageBytes } from '../images/stored-image-response';
import { DatasetsRepository } from './datasets.repository';
import { frozenVersionError } from './frozen-version';

const USER_REF = { select: { id: true, email: true } } as const;
export const QUESTION_INCLUDE = {
  images: { orderBy: { position: 'asc' }, include: { blob: { select: { sha256: true, contentType: true, byteSize: true } } } },
  solutions: {
    orderBy: { solutionIndex: 'asc' },
    include: {
      steps: { orderBy: [{ position: 'asc' }, { siblingIndex: 'asc' }], include: { labels: { orderBy: { createdAt: 'asc' }, include: { author: USER_REF } } } },
      siblingGroups: { select: { position: true } },
    },
  },
} satisfies Prisma.DatasetQuestionInclude;
export type QuestionRow = Prisma.DatasetQuestionGetPayload<{ include: typeof QUESTION_INCLUDE }>;

@Injectable()
export class DatasetContentRepository {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly datasets: DatasetsRepository,
  ) {}

  /** A page of a version's questions in id order, after the question `cursor`. */
  async findQuestions(filter: { versionId: string; query?: string; limit: number; cursor?: string }): Promise<QuestionRow[]> {
    let after: string | undefined;
    if (filter.cursor) {
      const at = await this.prisma.datasetQuestion.findUnique({ where: { id: filter.cursor }, select: { externalId: true, datasetVersionId: true } });
      if (!at || at.datasetVersionId !== filter.versionId) throw AppError.validation('cursor: not a question of this version', { param: 'cursor' });
      after = at.externalId;
    }
    return this.prisma.datasetQuestion.findMany({
      where: {
        datasetVersionId: filter.versionId,
        ...(after !== undefined ? { externalId: { gt: after } } : {}),
        ...(filter.query
          ? { OR: [{ text: { contains: filter.query, mode: 'insensitive' } }, { externalId: { contains: filter.query, mode: 'insensitive' } }] }
          : {}),
      },
      orderBy: { externalId: 'asc' },
      take: filter.limit + 1,
      include: QUESTION_INCLUDE,
    });
  }

  findQuestion(id: string): Promise<QuestionRow | null> {
    return this.prisma.datasetQuestion.findUnique({ where: { id }, include: QUESTION_INCLUDE });
  }

  /** Changes a question of an unfrozen version (422 when frozen); a ready version's digest follows. */
  updateQuestion(audit: AuditContext, id: string, change: { text?: string; answer?: string }): Promise<void> {
    return this.datasets.guardFrozen(() =>
      auditedMutation(this.prisma, audit, async (tx) => {
        const question = await tx.datasetQuestion.findUnique({ where: { id } });
        if (!question) throw AppError.notFound('dataset question', id, { param: 'id' });
        await this.lockEditable(tx, question.datasetVersionId, 'id');
        const after = await tx.datasetQuestion.update({ where: { id }, data: change });
        await this.refreshDigest(tx, question.datasetVersionId);
        return { result: undefined, audit: { action: 'dataset_question.update', entityType: 'dataset_question', entityId: id, before: question, after } };
      }),
    );
  }

  /** Deletes a solution (its steps and groups go with it) of an unfrozen, not building version. */
  deleteSolution(audit: AuditContext, id: string): Promise<{ datasetVersionId: string }> {
    return this.datasets.guardFrozen(() =>
      auditedMutation(this.prisma, audit, async (tx) => {
        const solution = await tx.datasetSolution.findUnique({ where: { id } });
        if (!solution) throw AppError.notFound('dataset solution', id, { param: 'id' });
        const version = await this.lockEditable(tx, solution.datasetVersionId, 'id');
        // A build still writing would see the gap as missing work and write the solution again.
        if (version.status === 'building') throw AppError.conflict(`dataset version '${version.id}' is still building`, { param: 'id' });
        await tx.datasetSolution.delete({ where: { id } });
        await this.refreshDigest(tx, solution.datasetVersionId);
        return {
          result: { datasetVersionId: solution.datasetVersionId },
          audit: { action: 'dataset_solution.delete', entityType: 'dataset_solution', entityId: id, before: solution },
        };
      }),
    );
  }

  async questionImage(questionId: string, position: number): Promise<StoredImageBytes | null> {
    const image = await this.prisma.questionImage.findUnique({
      where: { questionId_position: { questionId, position } },
      include: { blob: { select: { sha256: true, contentType: true, byteSize: true, data: true } } },
    });
    if (!image) return null;
    const { blob } = image;
    return {
      sha256: blob.sha256,
      contentType: blob.contentType,
      byteSize: blob.byteSize,
      data: blob.data ? new Uint8Array(blob.data) : null,
    };
  }

  /** The version's records, a page of questions at a time (see streamDatasetRecords). */
  streamRecords(versionId: string, images: 'data-url' | 'ref'): AsyncGenerator<SolutionRecord> {
    return streamDatasetRecords(this.prisma, versionId, { images, questionsPerPage: 50 });
  }

  /** Blobs already stored, by sha256 (an import may refer to them as `blob:<sha256>`). */
  async blobsBySha(shas: string[]): Promise<Map<string, { id: string; contentType: string }>> {
    if (shas.length === 0) return new Map();
    const rows = await this.prisma.blob.findMany({ where: { sha256: { in: shas } }, select: { id: true, sha256: true, contentType: true } });
    return new Map(rows.map((r) => [r.sha256, { id: r.id, contentType: r.contentType }]));
  }

  /** Locks the version; a frozen one is 422 (the triggers would refuse the write anyway). */
  private async lockEditable(tx: Db, versionId: string, param: string) {
    const version = await this.datasets.lockVersion(tx, versionId, param);
    if (version.status === 'frozen') throw frozenVersionError(versionId, param);
    return version;
  }

  /** A complete (ready) version's digest and count describe its records: recomputed after an edit. */
  private async refreshDigest(tx: Db, versionId: string): Promise<void> {
    const version = await tx.datasetVersion.findUniqueOrThrow({ where: { id: versionId }, select: { status: true } });
    if (version.status !== 'ready') return;
    const records = await readDatasetRecords(tx, versionId);
    await tx.datasetVersion.update({ where: { id: versionId }, data: { digest: datasetDigest(records), recordCount: records.length } });
  }
}

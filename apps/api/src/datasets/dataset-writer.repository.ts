/**
 * Writes a whole new version from prepared records — an import, or human labels exported from an
 * annotation queue — in ONE transaction with its audit row: the version, its images (blobs), questions,
 * solutions, sibling groups, steps (and step labels), then its digest and `ready`. Any failure rolls
 * everything back, so a refused or failed import leaves nothing behind.
 *
 * Rows are written in batches (createMany), so a file of thousands of records costs a handful of
 * statements per table rather than one per row.
 */
import { Inject, Injectable } from '@nestjs/common';
import { auditedMutation, readDatasetRecords, stepRow, type AuditContext, type Prisma, type PrismaClient, type StepLabelValue } from '@prmbas/db';
import { datasetDigest, type DatasetStep } from '@prmbas/rollouts';
import type { AnswerType } from '@prmbas/search';
import { PRISMA } from '../database/prisma.token';
import { DatasetsRepository } from './datasets.repository';

/** An image already validated: new bytes (stored as a blob, deduplicated by sha256) or a stored blob. */
export type PreparedImage =
  | { kind: 'new'; sha256: string; mime: string; data: Uint8Array; source: string | null }
  | { kind: 'stored'; blobId: string; source: string | null };

export interface PreparedQuestion {
  externalId: string;
  text: string;
  answer: string;
  answerType: AnswerType;
  choices: string[];
  image: PreparedImage | null;
  meta: Record<string, unknown> | null;
}

export interface PreparedLabel {
  label: StepLabelValue;
  comment: string | null;
  authorId: string | null;
}

export interface PreparedSolution {
  /** The question's `externalId`. */
  questionId: string;
  solutionIndex: number;
  finalAnswer: string | null;
  correct: boolean;
  meta: Record<string, unknown>;
  steps: DatasetStep[];
  /** Human labels on the solution's own steps, by position (annotation exports carry them over). */
  labels?: ReadonlyMap<number, readonly PreparedLabel[]>;
}

export interface NewVersionContent {
  datasetId: string;
  parentVersionId: string | null;
  createdById: string | null;
  header: Record<string, unknown>;
  config: Record<string, unknown>;
  report: Record<string, unknown>;
  questions: PreparedQuestion[];
  solutions: PreparedSolution[];
  /** `dataset_version.import`, `dataset_version.create_from_annotations`. */
  auditAction: string;
}

/** Rows per INSERT: well under Postgres' 65535 bind parameters for the widest table here. */
const BATCH = 1000;
/** An import of tens of thousands of records takes a while; the default 5 s would abort it. */
const WRITE_TIMEOUT_MS = 10 * 60_000;

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += BATCH) yield items.slice(i, i + BATCH);
}

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonObject;

@Injectable()
export class DatasetWriterRepository {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly datasets: DatasetsRepository,
  ) {}

  /** The new version's id. */
  writeVersion(audit: AuditContext, content: NewVersionContent): Promise<string> {
    return auditedMutation(
      this.prisma,
      audit,
      async (tx) => {
        const number = await this.datasets.nextVersionNumber(tx, content.datasetId);
        if (content.parentVersionId) await this.datasets.requireVersion(tx, content.parentVersionId, 'parentVersionId');
        const version = await tx.datasetVersion.create({
          data: {
            datasetId: content.datasetId,
            version: number,
            status: 'building',
            config: json(content.config),
            header: json(content.header),
            parentVersionId: content.parentVersionId,
            createdById: content.createdById,
          },
        });

        const blobIds = await this.storeImages(tx, content.questions);
        const questionIds = new Map<string, string>();
        for (const batch of chunks(content.questions)) {
          const rows = await tx.datasetQuestion.createManyAndReturn({
            data: batch.map((q) => ({
              datasetVersionId: version.id,
              externalId: q.externalId,
              text: q.text,
              answer: q.answer,
              answerType: q.answerType,
              choices: q.choices,
              meta: q.meta ? json(q.meta) : undefined,
            })),
            select: { id: true, externalId: true },
          });
          for (const row of rows) questionIds.set(row.externalId, row.id);
        }
        const images = content.questions.flatMap((q) =>
          q.image ? [{ questionId: questionIds.get(q.externalId)!, position: 0, blobId: q.image.kind === 'stored' ? q.image.blobId : blobIds.get(q.image.sha256)!, source: q.image.source }] : [],
        );
        for (const batch of chunks(images)) await tx.questionImage.createMany({ data: batch });

        const solutionIds = new Map<PreparedSolution, string>();
        for (const batch of chunks(content.solutions)) {
          const rows = await tx.datasetSolution.createManyAndReturn({
            data: batch.map((s) => ({
              datasetVersionId: version.id,
              questionId: questionIds.get(s.questionId)!,
              solutionIndex: s.solutionIndex,
              finalAnswer: s.finalAnswer,
              correct: s.correct,
              meta: json(s.meta),
            })),
            select: { id: true, questionId: true, solutionIndex: true },
          });
          const byKey = new Map(rows.map((r) => [`${r.questionId}#${r.solutionIndex}`, r.id]));
          for (const s of batch) solutionIds.set(s, byKey.get(`${questionIds.get(s.questionId)}#${s.solutionIndex}`)!);
        }

        // Sibling groups: `siblings: []` (sampled, all repeats) is a group of one; absent = no group (as the builder's store).
        const groupKeys = content.solutions.flatMap((s) => s.steps.flatMap((step, position) => (step.siblings !== undefined ? [{ solutionId: solutionIds.get(s)!, position }] : [])));
        const groupIds = new Map<string, string>();
        for (const batch of chunks(groupKeys)) {
          const rows = await tx.siblingGroup.createManyAndReturn({ data: batch, select: { id: true, solutionId: true, position: true } });
          for (const row of rows) groupIds.set(`${row.solutionId}@${row.position}`, row.id);
        }

        const steps: Prisma.DatasetStepCreateManyInput[] = [];
        for (const s of content.solutions) {
          const solutionId = solutionIds.get(s)!;
          s.steps.forEach((step, position) => {
            const groupId = groupIds.get(`${solutionId}@${position}`) ?? null;
            steps.push(stepRow(solutionId, position, 0, groupId, step));
            step.siblings?.forEach((sibling, k) => steps.push(stepRow(solutionId, position, k + 1, groupId, sibling)));
          });
        }
        const labelled = content.solutions.some((s) => s.labels && s.labels.size > 0);
        const ownStepIds = new Map<string, string>();
        for (const batch of chunks(steps)) {
          if (!labelled) {
            await tx.datasetStep.createMany({ data: batch });
            continue;
          }
          const rows = await tx.datasetStep.createManyAndReturn({ data: batch, select: { id: true, solutionId: true, position: true, siblingIndex: true } });
          for (const row of rows) if (row.siblingIndex === 0) ownStepIds.set(`${row.solutionId}@${row.position}`, row.id);
        }
        const labels = content.solutions.flatMap((s) =>
          [...(s.labels ?? new Map<number, readonly PreparedLabel[]>())].flatMap(([position, list]) =>
            list.map((l) => ({ stepId: ownStepIds.get(`${solutionIds.get(s)}@${position}`)!, label: l.label, comment: l.comment, authorId: l.authorId })),
          ),
        );
        for (const batch of chunks(labels)) await tx.stepLabel.createMany({ data: batch, skipDuplicates: true });

        const records = await readDatasetRecords(tx, version.id);
        const after = await tx.datasetVersion.update({
          where: { id: version.id },
          data: { status: 'ready', digest: datasetDigest(records), recordCount: records.length, report: json(content.report) },
        });
        return { result: version.id, audit: { action: content.auditAction, entityType: 'dataset_version', entityId: version.id, after } };
      },
      { timeoutMs: WRITE_TIMEOUT_MS },
    );
  }

  /**
   * New image bytes as blobs: INSERT … ON CONFLICT DO NOTHING (content-addressed, so a concurrent
   * import of the same picture waits for the other and reuses its row), then their ids by sha256.
   */
  private async storeImages(tx: Prisma.TransactionClient, questions: readonly PreparedQuestion[]): Promise<Map<string, string>> {
    const fresh = new Map<string, Extract<PreparedImage, { kind: 'new' }>>();
    for (const q of questions) if (q.image?.kind === 'new') fresh.set(q.image.sha256, q.image);
    const ids = new Map<string, string>();
    for (const batch of chunks([...fresh.values()])) {
      await tx.blob.createMany({
        data: batch.map((image) => ({ sha256: image.sha256, byteSize: image.data.byteLength, contentType: image.mime, storage: 'postgres' as const, data: Uint8Array.from(image.data) })),
        skipDuplicates: true,
      });
      const rows = await tx.blob.findMany({ where: { sha256: { in: batch.map((i) => i.sha256) } }, select: { id: true, sha256: true } });
      for (const row of rows) ids.set(row.sha256, row.id);
    }
    return ids;
  }
}

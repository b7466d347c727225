/**
 * A dataset version read back as the builder wrote it: `SolutionRecord`s (for training and
 * export) or `Question`s with their image bytes (for evaluations). Records come in id order, the
 * order `datasetDigest` uses.
 */
import type { SolutionRecord } from '@prmbas/rollouts';
import type { Question } from '@prmbas/tasks';
import type { PrismaClient } from '../client';
import { PostgresImageStore } from '../images/blob-image-stores';
import type { ImageStore } from '../images/image-store';
import { blobImageRef, dataUrl } from './image-refs';

export interface ReadRecordsOptions {
  /** `ref`: `blob:<sha256>` as stored; `data-url`: the image inline (what a trainer can decode). Default ref. */
  images?: 'ref' | 'data-url';
  /** Reads image bytes for `data-url` (a disk store for disk blobs). Default: bytes in Postgres. */
  imageStore?: ImageStore;
}

type StepRow = { position: number; siblingIndex: number; text: string; value: number; rollouts: number; correctRollouts: number; terminal: boolean; answer: string | null };

export async function readDatasetRecords(prisma: PrismaClient, datasetVersionId: string, options: ReadRecordsOptions = {}): Promise<SolutionRecord[]> {
  const mode = options.images ?? 'ref';
  const imageStore = options.imageStore ?? new PostgresImageStore(prisma);
  const solutions = await prisma.datasetSolution.findMany({
    where: { datasetVersionId },
    include: {
      question: { include: { images: { where: { position: 0 }, include: { blob: { select: { id: true, sha256: true, contentType: true } } } } } },
      steps: { orderBy: [{ position: 'asc' }, { siblingIndex: 'asc' }] },
      siblingGroups: { select: { position: true } },
    },
  });
  // One data URL string per image, shared by all records of its question.
  const urls = new Map<string, Promise<string>>();
  const imageOf = async (blob: { id: string; sha256: string; contentType: string } | undefined): Promise<string | null> => {
    if (!blob) return null;
    if (mode === 'ref') return blobImageRef(blob.sha256);
    let url = urls.get(blob.id);
    if (!url) {
      url = imageStore.get(blob.id).then((stored) => {
        if (!stored) throw new Error(`readDatasetRecords: image blob ${blob.id} is missing`);
        return dataUrl(stored.mime, stored.data);
      });
      urls.set(blob.id, url);
    }
    return url;
  };

  const records: SolutionRecord[] = [];
  for (const s of solutions) {
    const q = s.question;
    const grouped = new Set(s.siblingGroups.map((g) => g.position));
    const byPosition = new Map<number, StepRow[]>();
    for (const step of s.steps) byPosition.set(step.position, [...(byPosition.get(step.position) ?? []), step]);
    const steps = [...byPosition.keys()]
      .sort((a, b) => a - b)
      .map((position) => {
        const [own, ...siblings] = byPosition.get(position) as StepRow[];
        if (!own || own.siblingIndex !== 0) throw new Error(`readDatasetRecords: solution ${s.id} has no own step at position ${position}`);
        return { ...valued(own), ...(grouped.has(position) ? { siblings: siblings.map(valued) } : {}) };
      });
    records.push({
      id: `${q.externalId}#${s.solutionIndex}`,
      questionId: q.externalId,
      question: q.text,
      image: await imageOf(q.images[0]?.blob),
      answer: q.answer,
      answerType: q.answerType,
      ...(q.choices.length > 0 ? { choices: q.choices } : {}),
      steps,
      finalAnswer: s.finalAnswer,
      correct: s.correct,
      meta: (s.meta ?? {}) as Record<string, unknown>,
    });
  }
  return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function valued(step: StepRow) {
  return {
    text: step.text,
    value: step.value,
    rollouts: step.rollouts,
    correct: step.correctRollouts,
    terminal: step.terminal,
    ...(step.answer !== null ? { answer: step.answer } : {}),
  };
}

/** The questions of a version with their images' bytes, ordered by question id (first `limit`). */
export async function readDatasetQuestions(
  prisma: PrismaClient,
  datasetVersionId: string,
  options: { limit?: number; imageStore?: ImageStore } = {},
): Promise<Question[]> {
  const imageStore = options.imageStore ?? new PostgresImageStore(prisma);
  const rows = await prisma.datasetQuestion.findMany({
    where: { datasetVersionId },
    orderBy: { externalId: 'asc' },
    take: options.limit,
    include: { images: { orderBy: { position: 'asc' } } },
  });
  const questions: Question[] = [];
  for (const q of rows) {
    const images = [];
    for (const image of q.images) {
      const stored = await imageStore.get(image.blobId);
      if (!stored) throw new Error(`readDatasetQuestions: image blob ${image.blobId} of question ${q.externalId} is missing`);
      images.push({ mime: stored.mime, data: stored.data, ...(image.source ? { source: image.source } : {}) });
    }
    const meta = (q.meta && typeof q.meta === 'object' && !Array.isArray(q.meta) ? q.meta : {}) as Record<string, unknown>;
    questions.push({
      id: q.externalId,
      text: q.text,
      images,
      answerType: q.answerType,
      ...(q.choices.length > 0 ? { choices: q.choices } : {}),
      ...(q.precision !== null ? { precision: q.precision } : {}),
      ...(q.unit !== null ? { unit: q.unit } : {}),
      answer: q.answer,
      meta: { family: 'dataset', ...meta },
    });
  }
  return questions;
}

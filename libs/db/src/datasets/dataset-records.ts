/**
 * A dataset version read back as the builder wrote it: `SolutionRecord`s (for training and
 * export) or `Question`s with their image bytes (for evaluations). `readDatasetRecords` gives them
 * all in id order (the order `datasetDigest` uses); `streamDatasetRecords` gives them a page of
 * questions at a time (for streamed exports), in (question id, solution index) order. Both take a
 * transaction client too, so a digest can be recomputed inside the transaction that changed rows.
 */
import type { SolutionRecord } from '@prmbas/rollouts';
import type { Question } from '@prmbas/tasks';
import type { Db, PrismaClient } from '../client';
import type { Prisma } from '../generated/prisma/client';
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
type ImageBlob = { id: string; sha256: string; contentType: string };

/** What one record needs from a solution row. */
const SOLUTION_INCLUDE = {
  question: { include: { images: { where: { position: 0 }, include: { blob: { select: { id: true, sha256: true, contentType: true } } } } } },
  steps: { orderBy: [{ position: 'asc' }, { siblingIndex: 'asc' }] },
  siblingGroups: { select: { position: true } },
} satisfies Prisma.DatasetSolutionInclude;

type SolutionRow = {
  id: string;
  solutionIndex: number;
  finalAnswer: string | null;
  correct: boolean;
  meta: unknown;
  question: { externalId: string; text: string; answer: string; answerType: SolutionRecord['answerType']; choices: string[]; images: { blob: ImageBlob }[] };
  steps: StepRow[];
  siblingGroups: { position: number }[];
};

/** A record's image as `ref` (`blob:<sha256>`) or `data-url`; data URLs are read once per blob (per `cache`). */
function imageResolver(db: Db, options: ReadRecordsOptions) {
  const mode = options.images ?? 'ref';
  // A transaction client reads bytes in Postgres like the client does (only `get` is used).
  const imageStore = options.imageStore ?? new PostgresImageStore(db as PrismaClient);
  return (cache: Map<string, Promise<string>>) =>
    async (blob: ImageBlob | undefined): Promise<string | null> => {
      if (!blob) return null;
      if (mode === 'ref') return blobImageRef(blob.sha256);
      let url = cache.get(blob.id);
      if (!url) {
        url = imageStore.get(blob.id).then((stored) => {
          if (!stored) throw new Error(`readDatasetRecords: image blob ${blob.id} is missing`);
          return dataUrl(stored.mime, stored.data);
        });
        cache.set(blob.id, url);
      }
      return url;
    };
}

async function toRecord(s: SolutionRow, imageOf: (blob: ImageBlob | undefined) => Promise<string | null>): Promise<SolutionRecord> {
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
  return {
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
  };
}

export async function readDatasetRecords(db: Db, datasetVersionId: string, options: ReadRecordsOptions = {}): Promise<SolutionRecord[]> {
  const solutions = await db.datasetSolution.findMany({ where: { datasetVersionId }, include: SOLUTION_INCLUDE });
  // One data URL string per image, shared by all records of its question.
  const imageOf = imageResolver(db, options)(new Map());
  const records: SolutionRecord[] = [];
  for (const s of solutions) records.push(await toRecord(s, imageOf));
  return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The records of a version, `questionsPerPage` questions at a time (keyset on the question id),
 * so an export of any size holds one page in memory. Records equal `readDatasetRecords`' records.
 */
export async function* streamDatasetRecords(
  db: Db,
  datasetVersionId: string,
  options: ReadRecordsOptions & { questionsPerPage?: number } = {},
): AsyncGenerator<SolutionRecord> {
  const perPage = options.questionsPerPage ?? 100;
  const resolver = imageResolver(db, options);
  let after: string | null = null;
  for (;;) {
    const questions: { id: string; externalId: string }[] = await db.datasetQuestion.findMany({
      where: { datasetVersionId, ...(after !== null ? { externalId: { gt: after } } : {}) },
      orderBy: { externalId: 'asc' },
      take: perPage,
      select: { id: true, externalId: true },
    });
    if (questions.length === 0) return;
    const solutions = await db.datasetSolution.findMany({
      where: { questionId: { in: questions.map((q) => q.id) } },
      include: SOLUTION_INCLUDE,
      orderBy: [{ question: { externalId: 'asc' } }, { solutionIndex: 'asc' }],
    });
    // A page's questions own their images: the cache lives for one page.
    const imageOf = resolver(new Map());
    for (const s of solutions) yield await toRecord(s, imageOf);
    after = questions.at(-1)!.externalId;
  }
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

/**
 * An uploaded dataset file, checked whole before anything is written: every line parsed and
 * validated by @prmbas/rollouts (our `SolutionRecord` JSONL or TRL stepwise rows), record ids of
 * the form `<questionId>#<solution index>`, the records of one question agreeing on the question,
 * and every image resolved (uploaded part, data URL, or a blob stored here) and checked against
 * the limits. The first problem is reported with its line and field (upload-errors.ts).
 */
import { createHash } from 'node:crypto';
import { ImageRejectedError, sniffImageType, validateImage, type ImageLimits } from '@prmbas/db';
import { DatasetFormatError, parseDatasetJsonl, parseTrlJsonl, trlRowToRecord, type SolutionRecord } from '@prmbas/rollouts';
import { AppError } from '../errors/app-error';
import type { PreparedImage, PreparedQuestion, PreparedSolution } from './dataset-writer.repository';
import { fromFormatError, lineError } from './upload-errors';

export interface LinedRecord {
  record: SolutionRecord;
  /** 1-based line of the file. */
  line: number;
  solutionIndex: number;
}

export interface UploadedImage {
  /** The part's filename (with its path, when the client sent one). */
  name: string;
  mime: string;
  data: Uint8Array;
}

const BLOB_REF = /^blob:([0-9a-f]{64})$/;
const DATA_URL = /^data:([^;,]*)((?:;[^;,]*)*?);base64,(.*)$/s;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The file's text: UTF-8 (a BOM is dropped), or a 400. */
export function decodeJsonl(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw AppError.validation(`${file}: the file is not UTF-8 text`, { param: 'file', code: 'invalid_dataset_file' });
  }
}

/** Lines (1-based numbers) that hold something, in order: what the rollouts parsers return records for. */
function contentLines(text: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() !== '') lines.push(i + 1);
  });
  return lines;
}

/** Every record of the file with its line, or a 400 naming the first bad line and field. */
export function parseUpload(text: string, file: string, format: 'prmbas' | 'trl', options: { idPrefix?: string; maxRecords: number }): LinedRecord[] {
  const lines = contentLines(text);
  if (lines.length === 0) throw AppError.validation(`${file}: the file holds no records`, { param: 'file', code: 'invalid_dataset_file' });
  if (lines.length > options.maxRecords) {
    throw AppError.payloadTooLarge(`${file}: ${lines.length} records; at most ${options.maxRecords} per import`, { param: 'file' });
  }
  let records: SolutionRecord[];
  try {
    records =
      format === 'prmbas'
        ? parseDatasetJsonl(text, file)
        : parseTrlJsonl(text, file).map((row, i) => trlRowToRecord(row, i, { idPrefix: options.idPrefix ?? 'trl' }));
  } catch (error) {
    if (error instanceof DatasetFormatError) throw fromFormatError(error);
    throw error;
  }
  return records.map((record, i) => {
    const line = lines[i]!;
    const prefix = `${record.questionId}#`;
    const suffix = record.id.startsWith(prefix) ? record.id.slice(prefix.length) : '';
    const index = Number(suffix);
    if (!/^\d+$/.test(suffix) || !Number.isSafeInteger(index)) {
      throw lineError('validation', file, line, 'id', `must be "<questionId>#<solution index>" (here "${record.questionId}#0", "${record.questionId}#1", ...), got ${JSON.stringify(record.id)}`);
    }
    return { record, line, solutionIndex: index };
  });
}

/** The sha256s of `blob:<sha256>` image references (images this platform already stores). */
export function storedImageRefs(records: readonly LinedRecord[]): string[] {
  const shas = new Set<string>();
  for (const { record } of records) {
    const match = record.image ? BLOB_REF.exec(record.image) : null;
    if (match) shas.add(match[1]!);
  }
  return [...shas];
}

export interface PrepareOptions {
  file: string;
  format: 'prmbas' | 'trl';
  uploads: readonly UploadedImage[];
  /** Stored blobs by sha256 (from `storedImageRefs`). */
  storedBlobs: ReadonlyMap<string, { id: string; contentType: string }>;
  limits: ImageLimits;
}

export interface PreparedImport {
  questions: PreparedQuestion[];
  solutions: PreparedSolution[];
  images: { uploaded: number; used: number; inline: number; stored: number };
}

/** Questions (one per questionId, checked for agreement) and solutions, with images resolved and checked. */
export function prepareImport(records: readonly LinedRecord[], options: PrepareOptions): PreparedImport {
  const uploads = uploadIndex(options.uploads);
  const usedUploads = new Set<UploadedImage>();
  const resolved = new Map<string, PreparedImage>();
  const counts = { inline: 0, stored: 0 };

  const imageOf = (ref: string, line: number): PreparedImage => {
    const cached = resolved.get(ref);
    if (cached) return cached;
    let image: PreparedImage;
    const blob = BLOB_REF.exec(ref);
    if (blob) {
      const stored = options.storedBlobs.get(blob[1]!);
      if (!stored || !options.limits.allowedTypes.includes(stored.contentType)) {
        throw lineError('unprocessable', options.file, line, 'image', `refers to ${ref}, which is not an image stored here (export with images=data-url to move data between platforms)`);
      }
      image = { kind: 'stored', blobId: stored.id, source: null };
      counts.stored++;
    } else if (ref.startsWith('data:')) {
      const match = DATA_URL.exec(ref);
      const payload = match?.[3]?.replace(/\s/g, '');
      if (!match || payload === undefined || !BASE64.test(payload)) {
        throw lineError('validation', options.file, line, 'image', 'is a data URL that is not base64 (expected data:image/png;base64,...)');
      }
      image = checkedImage(match[1]!, new Uint8Array(Buffer.from(payload, 'base64')), null, line, options);
      counts.inline++;
    } else {
      const upload = uploads(ref);
      if (!upload) {
        throw lineError('unprocessable', options.file, line, 'image', `names ${JSON.stringify(ref)}, which was not uploaded: send it as an "images" part with that filename (or its last path segment), inline it as a data URL, or use null`);
      }
      usedUploads.add(upload);
      image = checkedImage(upload.mime, upload.data, ref, line, options);
    }
    resolved.set(ref, image);
    return image;
  };

  const questions = new Map<string, { question: PreparedQuestion; line: number; imageKey: string | null }>();
  const solutions: PreparedSolution[] = [];
  for (const { record, line, solutionIndex } of records) {
    const image = record.image === null ? null : imageOf(record.image, line);
    const imageKey = image === null ? null : image.kind === 'stored' ? `blob:${image.blobId}` : `sha:${image.sha256}`;
    const seen = questions.get(record.questionId);
    const question: PreparedQuestion = {
      externalId: record.questionId,
      text: record.question,
      answer: record.answer,
      answerType: record.answerType,
      choices: record.choices ?? [],
      image,
      meta: { importedFrom: options.file, format: options.format },
    };
    if (!seen) {
      questions.set(record.questionId, { question, line, imageKey });
    } else {
      const field = differingField(seen.question, question, seen.imageKey, imageKey);
      if (field) throw lineError('unprocessable', options.file, line, field, `differs from line ${seen.line}, another record of question ${JSON.stringify(record.questionId)}: the records of one question must agree on it`);
    }
    solutions.push({ questionId: record.questionId, solutionIndex, finalAnswer: record.finalAnswer, correct: record.correct, meta: record.meta, steps: record.steps });
  }
  return {
    questions: [...questions.values()].map((q) => q.question),
    solutions,
    images: { uploaded: options.uploads.length, used: usedUploads.size, ...counts },
  };
}

function differingField(a: PreparedQuestion, b: PreparedQuestion, imageA: string | null, imageB: string | null): string | null {
  if (a.text !== b.text) return 'question';
  if (a.answer !== b.answer) return 'answer';
  if (a.answerType !== b.answerType) return 'answerType';
  if (JSON.stringify(a.choices) !== JSON.stringify(b.choices)) return 'choices';
  if (imageA !== imageB) return 'image';
  return null;
}

/** The uploaded part a relative path names: exact filename first, else a unique last-segment match. */
function uploadIndex(uploads: readonly UploadedImage[]): (ref: string) => UploadedImage | undefined {
  const normalise = (name: string) => name.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  const exact = new Map(uploads.map((u) => [normalise(u.name), u]));
  const byBase = new Map<string, UploadedImage | null>();
  for (const u of uploads) {
    const base = normalise(u.name).split('/').pop()!;
    byBase.set(base, byBase.has(base) ? null : u);
  }
  return (ref) => exact.get(normalise(ref)) ?? byBase.get(normalise(ref).split('/').pop()!) ?? undefined;
}

/** Bytes checked against the limits; the type is what the bytes are (declared types from browsers are often generic). */
function checkedImage(declared: string, data: Uint8Array, source: string | null, line: number, options: PrepareOptions): PreparedImage {
  const mime = sniffImageType(data) ?? (declared || 'application/octet-stream');
  try {
    validateImage({ mime, data }, options.limits);
  } catch (error) {
    if (!(error instanceof ImageRejectedError)) throw error;
    throw lineError(error.reason === 'too-large' ? 'payload_too_large' : 'unprocessable', options.file, line, 'image', `${source ? `(${source}) ` : ''}${error.message}`);
  }
  return { kind: 'new', sha256: createHash('sha256').update(data).digest('hex'), mime, data, source };
}

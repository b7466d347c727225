/**
 * The on-disk question record, in MathVista's field names, and its mapping to and from
 * `Question`. Pure: image references are resolved by the caller (see benchmark-loader.ts).
 *
 * MathVista conventions kept as they are: multiple-choice answers are the option TEXT and their
 * `answer_type` is 'text' (we also accept 'multi_choice'); `query` is the full prompt; `precision`
 * is the number of decimals of a float answer; `image` is a path relative to the data file.
 */
import type { AnswerType, ProblemImage } from '@prmbas/search';
import { formatCanonicalNumber, parseNumber } from './answer-number';
import { normaliseText } from './answer-check';
import { buildQuery, choiceLetterAt } from './mathvista-query';
import type { Question, QuestionMeta } from './question';

export interface BenchmarkRecord {
  pid: string;
  question: string;
  /** Path relative to the data file (one image), a list of them, or null. */
  image: string | string[] | null;
  choices: string[] | null;
  unit: string | null;
  precision: number | null;
  /** For multiple choice: the option text (MathVista); a letter is accepted on input. */
  answer: string;
  question_type: 'free_form' | 'multi_choice';
  answer_type: 'integer' | 'float' | 'text' | 'list' | 'multi_choice';
  query: string;
  metadata: Record<string, unknown>;
}

/** A malformed record: says where (file:line, or file: record i (pid ...)) and which field. */
export class BenchmarkFormatError extends Error {
  constructor(
    readonly where: string,
    readonly field: string | null,
    detail: string,
  ) {
    super(field ? `${where}: field "${field}" ${detail}` : `${where}: ${detail}`);
    this.name = 'BenchmarkFormatError';
  }
}

/** File extension for an image MIME type. */
export function imageExtension(mime: string): string {
  const ext: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/bmp': 'bmp' };
  return ext[mime] ?? 'bin';
}

/** Image path of a question's k-th image in a written suite: images/<id>.png (images/<id>-k.png for extra images). */
export function imagePathFor(question: Question, k: number): string {
  const image = question.images[k] as ProblemImage;
  const safe = question.id.replace(/[^A-Za-z0-9._-]/g, '_');
  return `images/${safe}${k === 0 ? '' : `-${k}`}.${imageExtension(image.mime)}`;
}

/** The record of a question, MathVista-style. */
export function questionToRecord(question: Question): BenchmarkRecord {
  const { question: bare, ...metadata } = question.meta;
  const paths = question.images.map((_, k) => imagePathFor(question, k));
  let answer = question.answer;
  let answerType: BenchmarkRecord['answer_type'] = 'text';
  if (question.answerType === 'choice') {
    const i = /^[A-Z]$/.test(question.answer) ? question.answer.charCodeAt(0) - 65 : -1;
    answer = question.choices?.[i] ?? question.answer;
  } else if (question.answerType === 'number') {
    const v = parseNumber(question.answer);
    answerType = v !== null && Number.isInteger(v) && !question.precision ? 'integer' : 'float';
  }
  return {
    pid: question.id,
    question: bare ?? question.text,
    image: paths.length === 0 ? null : paths.length === 1 ? (paths[0] as string) : paths,
    choices: question.choices ? question.choices.slice() : null,
    unit: question.unit ?? null,
    precision: question.precision ?? null,
    answer,
    question_type: question.answerType === 'choice' ? 'multi_choice' : 'free_form',
    answer_type: answerType,
    query: question.text,
    metadata: metadata as Record<string, unknown>,
  };
}

function optionalString(raw: Record<string, unknown>, field: string, where: string): string | undefined {
  const v = raw[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') throw new BenchmarkFormatError(where, field, `must be a string, got ${typeof v}`);
  return v;
}

/** The image references of a raw record (`image`, `images` or `image_path`): paths, data URLs or base64. */
export function imageRefs(raw: Record<string, unknown>, where: string): string[] {
  for (const field of ['image', 'images', 'image_path']) {
    const v = raw[field];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v === 'string') return [v];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    throw new BenchmarkFormatError(where, field, 'must be a path, a data URL or base64 text (or a list of them)');
  }
  return [];
}

/** Sniff an image's MIME type from its first bytes; null when unknown. */
export function sniffImageMime(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45) return 'image/webp';
  if (starts(0x42, 0x4d)) return 'image/bmp';
  return null;
}

/** An inline image (data URL, or bare base64 of a known image format); null when `ref` is a path. */
export function decodeInlineImage(ref: string, where: string, field = 'image'): ProblemImage | null {
  const dataUrl = /^data:([^;,]+)?(;base64)?,(.*)$/s.exec(ref);
  if (dataUrl) {
    if (!dataUrl[2]) throw new BenchmarkFormatError(where, field, 'data URL must be base64-encoded');
    const data = new Uint8Array(Buffer.from(dataUrl[3] as string, 'base64'));
    return { mime: dataUrl[1] ?? sniffImageMime(data) ?? 'application/octet-stream', data, source: 'data URL' };
  }
  if (ref.length >= 64 && /^[A-Za-z0-9+/\s]+={0,2}$/.test(ref)) {
    const data = new Uint8Array(Buffer.from(ref, 'base64'));
    const mime = sniffImageMime(data);
    if (mime) return { mime, data, source: 'base64' };
  }
  return null;
}

const ANSWER_TYPES = ['integer', 'float', 'text', 'list', 'multi_choice', 'number', 'choice'] as const;

function choiceAnswer(answer: string, choices: string[], where: string): string {
  let i = choices.indexOf(answer);
  if (i < 0) i = choices.findIndex((c) => normaliseText(c) === normaliseText(answer));
  if (i >= 0) return choiceLetterAt(i);
  const letter = /^\(?([A-Za-z])\)?\.?$/.exec(answer.trim());
  if (letter) {
    const k = (letter[1] as string).toUpperCase().charCodeAt(0) - 65;
    if (k < choices.length) return choiceLetterAt(k);
  }
  throw new BenchmarkFormatError(where, 'answer', `(${JSON.stringify(answer)}) is neither one of the choices nor a choice letter`);
}

/**
 * A `Question` from one raw record. `images` are the record's resolved images; `pidFallback`
 * is used when the record has no `pid`/`id` (e.g. the key of a testmini-style object);
 * `family` names the benchmark in `meta.family` unless the record's metadata says otherwise.
 */
export function recordToQuestion(
  raw: unknown,
  context: { where: string; images: ProblemImage[]; pidFallback: string; family: string },
): Question {
  const { where } = context;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new BenchmarkFormatError(where, null, 'record must be a JSON object');
  const r = raw as Record<string, unknown>;
  const pid = optionalString(r, 'pid', where) ?? optionalString(r, 'id', where) ?? context.pidFallback;
  const question = optionalString(r, 'question', where);
  const query = optionalString(r, 'query', where);
  if (!question && !query) throw new BenchmarkFormatError(where, 'question', 'is required');
  const answerRaw = optionalString(r, 'answer', where);
  if (answerRaw === undefined || answerRaw.trim() === '') throw new BenchmarkFormatError(where, 'answer', 'is required');

  const choicesRaw = r.choices ?? r.options;
  let choices: string[] | undefined;
  if (choicesRaw !== undefined && choicesRaw !== null) {
    if (!Array.isArray(choicesRaw) || !choicesRaw.every((c) => typeof c === 'string' || typeof c === 'number')) {
      throw new BenchmarkFormatError(where, 'choices', 'must be a list of strings');
    }
    choices = choicesRaw.map(String);
  }
  const answerTypeRaw = optionalString(r, 'answer_type', where);
  if (answerTypeRaw !== undefined && !(ANSWER_TYPES as readonly string[]).includes(answerTypeRaw)) {
    throw new BenchmarkFormatError(where, 'answer_type', `must be one of ${ANSWER_TYPES.join(', ')}, got ${JSON.stringify(answerTypeRaw)}`);
  }
  const questionType = optionalString(r, 'question_type', where);
  if (questionType !== undefined && questionType !== 'multi_choice' && questionType !== 'free_form') {
    throw new BenchmarkFormatError(where, 'question_type', `must be "multi_choice" or "free_form", got ${JSON.stringify(questionType)}`);
  }
  const isChoice = questionType === 'multi_choice' || answerTypeRaw === 'multi_choice' || answerTypeRaw === 'choice' ||
    (questionType === undefined && answerTypeRaw === undefined && (choices?.length ?? 0) > 0);
  const answerType: AnswerType = isChoice ? 'choice'
    : answerTypeRaw === 'integer' || answerTypeRaw === 'float' || answerTypeRaw === 'number' ? 'number'
    : answerTypeRaw === undefined && parseNumber(answerRaw) !== null && /^[-+\d.,\s]+$/.test(answerRaw) ? 'number'
    : 'text';

  let answer = answerRaw.trim();
  if (answerType === 'choice') {
    if (!choices || choices.length === 0) throw new BenchmarkFormatError(where, 'choices', 'is required for a multiple-choice question');
    answer = choiceAnswer(answer, choices, where);
  } else if (answerType === 'number') {
    const v = parseNumber(answer);
    if (v === null) throw new BenchmarkFormatError(where, 'answer', `(${JSON.stringify(answer)}) is not a number (answer_type ${answerTypeRaw ?? 'number'})`);
    answer = formatCanonicalNumber(v);
  }
  const precisionRaw = r.precision;
  let precision: number | undefined;
  if (precisionRaw !== undefined && precisionRaw !== null) {
    const p = typeof precisionRaw === 'string' ? Number(precisionRaw) : precisionRaw;
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 0) throw new BenchmarkFormatError(where, 'precision', 'must be a non-negative number');
    // MathVista sets precision on float answers only; it means decimals.
    if (answerType === 'number' && answerTypeRaw !== 'integer') precision = Math.round(p);
  }
  const metadataRaw = r.metadata;
  if (metadataRaw !== undefined && metadataRaw !== null && (typeof metadataRaw !== 'object' || Array.isArray(metadataRaw))) {
    throw new BenchmarkFormatError(where, 'metadata', 'must be an object');
  }
  const meta: QuestionMeta = { family: context.family, ...(metadataRaw as Record<string, unknown> | undefined), question: question ?? (query as string) };
  const unit = optionalString(r, 'unit', where);
  const out: Question = {
    id: pid,
    text: query ?? buildQuery(question as string, answerType, { ...(choices ? { choices } : {}), ...(precision !== undefined ? { precision } : {}) }),
    images: context.images,
    answerType,
    answer,
    meta,
  };
  if (choices) out.choices = choices;
  if (precision !== undefined) out.precision = precision;
  if (unit) out.unit = unit;
  return out;
}

import { DEFAULT_IMAGE_LIMITS, dataUrl } from '@prmbas/db';
import type { SolutionRecord } from '@prmbas/rollouts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { decodeJsonl, parseUpload, prepareImport, storedImageRefs } from './dataset-upload-parser';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const record = (id: string, overrides: Partial<SolutionRecord> = {}): SolutionRecord => ({
  id,
  questionId: id.split('#')[0]!,
  question: 'How many?',
  image: 'images/q1.png',
  answer: '3',
  answerType: 'number',
  steps: [
    { text: 'count', value: 0.5, rollouts: 2, correct: 1, terminal: false, siblings: [] },
    { text: 'Answer: 3', value: 1, rollouts: 0, correct: 1, terminal: true, answer: '3' },
  ],
  finalAnswer: '3',
  correct: true,
  meta: {},
  ...overrides,
});
const jsonl = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');
const options = { file: 'f.jsonl', format: 'prmbas' as const, uploads: [{ name: 'images/q1.png', mime: 'application/octet-stream', data: PNG }], storedBlobs: new Map(), limits: DEFAULT_IMAGE_LIMITS };

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('dataset upload parsing', () => {
  it('numbers records by their line, blank lines included', () => {
    const lines = parseUpload(`${jsonl(record('q1#0'))}\n\n${jsonl(record('q1#1'))}\n`, 'f.jsonl', 'prmbas', { maxRecords: 10 });
    expect(lines.map((l) => [l.line, l.solutionIndex])).toEqual([
      [1, 0],
      [3, 1],
    ]);
  });

  it('resolves an uploaded image by path or last segment, sniffing its type, and shares one question per id', () => {
    const records = parseUpload(jsonl(record('q1#0'), record('q1#1', { image: './q1.png' })), 'f.jsonl', 'prmbas', { maxRecords: 10 });
    const prepared = prepareImport(records, options);
    expect(prepared.questions).toHaveLength(1);
    expect(prepared.questions[0]!.image).toMatchObject({ kind: 'new', mime: 'image/png', source: 'images/q1.png' });
    expect(prepared.solutions.map((s) => s.solutionIndex)).toEqual([0, 1]);
    expect(prepared.images).toEqual({ uploaded: 1, used: 1, inline: 0, stored: 0 });
  });

  it('accepts data URLs and stored blobs', () => {
    const sha = 'b'.repeat(64);
    const records = parseUpload(jsonl(record('q1#0', { image: dataUrl('image/png', PNG) }), record('q2#0', { image: `blob:${sha}` })), 'f.jsonl', 'prmbas', { maxRecords: 10 });
    expect(storedImageRefs(records)).toEqual([sha]);
    const prepared = prepareImport(records, { ...options, uploads: [], storedBlobs: new Map([[sha, { id: 'blob-1', contentType: 'image/png' }]]) });
    expect(prepared.questions.map((q) => q.image?.kind)).toEqual(['new', 'stored']);
  });

  it('names the line and field of each problem', () => {
    expect(thrown(() => decodeJsonl(new Uint8Array([0xff, 0xfe, 0x00]), 'f.jsonl'))).toMatchObject({ kind: 'validation', param: 'file' });
    expect(thrown(() => parseUpload('\n \n', 'f.jsonl', 'prmbas', { maxRecords: 10 }))).toMatchObject({ kind: 'validation', param: 'file' });
    expect(thrown(() => parseUpload(jsonl(record('q1#0'), record('q1#1')), 'f.jsonl', 'prmbas', { maxRecords: 1 }))).toMatchObject({ kind: 'payload_too_large' });
    expect(thrown(() => parseUpload(jsonl(record('q1#0'), record('q1#x')), 'f.jsonl', 'prmbas', { maxRecords: 10 }))).toMatchObject({ kind: 'validation', param: 'id', message: expect.stringMatching(/^f\.jsonl:2: field "id"/) });
    const conflicting = parseUpload(jsonl(record('q1#0'), record('q1#1', { choices: ['a'] })), 'f.jsonl', 'prmbas', { maxRecords: 10 });
    expect(thrown(() => prepareImport(conflicting, options))).toMatchObject({ kind: 'unprocessable', param: 'choices', message: expect.stringMatching(/f\.jsonl:2: field "choices" differs from line 1/) });
    const badUrl = parseUpload(jsonl(record('q1#0', { image: 'data:image/png;base64,***' })), 'f.jsonl', 'prmbas', { maxRecords: 10 });
    expect(thrown(() => prepareImport(badUrl, options))).toMatchObject({ kind: 'validation', param: 'image' });
    const gif = parseUpload(jsonl(record('q1#0', { image: dataUrl('image/bmp', new Uint8Array([0x42, 0x4d, 1])) })), 'f.jsonl', 'prmbas', { maxRecords: 10 });
    expect(thrown(() => prepareImport(gif, options))).toMatchObject({ kind: 'unprocessable', param: 'image', issues: [{ path: 'lines.1.image' }] });
  });
});

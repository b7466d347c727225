import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetFormatError } from './dataset-format-error';
import { parseDatasetJsonl, readDatasetJsonl, resolveImageRef, serialiseRecord, writeDatasetJsonl } from './dataset-jsonl';
import { sampleRecords } from './testing/sample-records';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'prmbas-jsonl-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The text of the sample records with `edit` applied to the record on `line` (1-based). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- edits reach into arbitrary JSON to break it
function withEdit(line: number, edit: (r: any) => void): string {
  return sampleRecords()
    .map((r, i) => {
      const copy = JSON.parse(serialiseRecord(r));
      if (i + 1 === line) edit(copy);
      return JSON.stringify(copy);
    })
    .join('\n');
}

function errorOf(text: string): string {
  try {
    parseDatasetJsonl(text, 'data.jsonl');
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetFormatError);
    return (error as Error).message;
  }
  return 'no error';
}

describe('our dataset JSONL', () => {
  it('round-trips records through a file, one line each', async () => {
    const file = path.join(dir, 'data.jsonl');
    await writeDatasetJsonl(file, sampleRecords());
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    expect(await readDatasetJsonl(file)).toEqual(sampleRecords());
  });

  it('names the line and the field of a bad value', () => {
    expect(errorOf(withEdit(2, (r) => (r.steps[1].value = 1.5)))).toBe('data.jsonl:2: field "steps[1].value" must be a number in [0, 1], got 1.5');
    expect(errorOf(withEdit(1, (r) => (r.steps[0].value = 0.5)))).toBe('data.jsonl:1: field "steps[0].value" must equal correct / rollouts = 3/4, got 0.5');
    expect(errorOf(withEdit(1, (r) => (r.steps[0].siblings[1].terminal = 'no')))).toBe('data.jsonl:1: field "steps[0].siblings[1].terminal" must be true or false, got "no"');
    expect(errorOf(withEdit(2, (r) => delete r.id))).toBe('data.jsonl:2: field "id" must be a string, got nothing (missing)');
    expect(errorOf(withEdit(2, (r) => (r.answerType = 'integer')))).toBe('data.jsonl:2: field "answerType" must be one of "number", "choice", "text", got "integer"');
    expect(errorOf(withEdit(1, (r) => (r.steps = [])))).toBe('data.jsonl:1: field "steps" must not be empty');
    expect(errorOf(withEdit(1, (r) => (r.steps[0].rollouts = 2.5)))).toBe('data.jsonl:1: field "steps[0].rollouts" must be a non-negative integer, got 2.5');
    expect(errorOf(withEdit(1, (r) => (r.steps[1].rollouts = 4)))).toBe('data.jsonl:1: field "steps[1].rollouts" must be 0 for a terminal step (valued by its answer), got 4');
    expect(errorOf(withEdit(1, (r) => (r.steps[0].correct = 5)))).toBe('data.jsonl:1: field "steps[0].correct" must be at most rollouts (4), got 5');
    expect(errorOf(withEdit(2, (r) => (r.meta = [])))).toBe('data.jsonl:2: field "meta" must be a JSON object, got []');
  });

  it('names the line of invalid JSON and of a repeated id, counting blank lines', () => {
    const [a, b] = sampleRecords().map(serialiseRecord) as [string, string];
    expect(errorOf(`${a}\n\n{"id": "x",\n`)).toMatch(/^data\.jsonl:3: invalid JSON/);
    expect(errorOf(`${a}\n${b}\n${a}\n`)).toBe('data.jsonl:3: field "id" ("q1#0") repeats the id of data.jsonl:1');
    expect(parseDatasetJsonl(`\n${a}\n\n${b}`, 'x')).toHaveLength(2);
  });

  it('keeps fields it does not know (files from a newer builder still load)', () => {
    const text = withEdit(1, (r) => (r.reviewer = 'ann'));
    expect((parseDatasetJsonl(text, 'x')[0] as unknown as Record<string, unknown>).reviewer).toBe('ann');
  });

  it('resolves image references relative to the dataset file', async () => {
    const file = path.join(dir, 'sub', 'data.jsonl');
    expect(resolveImageRef(file, 'images/q1.png')).toBe(path.join(dir, 'sub', 'images', 'q1.png'));
    expect(resolveImageRef(file, 'data:image/png;base64,AAAA')).toBe('data:image/png;base64,AAAA');
    await writeFile(path.join(dir, 'empty.jsonl'), '');
    expect(await readDatasetJsonl(path.join(dir, 'empty.jsonl'))).toEqual([]);
  });
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSolutionRecord } from './record-validation';
import { sampleRecords } from './testing/sample-records';
import { parseTrlJsonl, readTrlJsonl, toTrlRows, trlRowToRecord, writeTrlJsonl } from './trl-format';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'prmbas-trl-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function errorOf(text: string): string {
  try {
    parseTrlJsonl(text, 'trl.jsonl');
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe("TRL's stepwise-supervision format", () => {
  it('has one row per solution: prompt, step texts, labels value > threshold, and the image', () => {
    expect(toTrlRows(sampleRecords())).toEqual([
      { prompt: 'How many red circles?', completions: ['Count the red circles: 3.', 'The answer is 3.'], labels: [true, true], images: ['images/q1.png'] },
      { prompt: 'Which bar is taller?', completions: ['Read the red bar: 5.', 'The answer is A.'], labels: [true, false] },
    ]);
    expect(toTrlRows(sampleRecords(), { threshold: 0.5, images: false })[0]).toEqual({
      prompt: 'How many red circles?', completions: ['Count the red circles: 3.', 'The answer is 3.'], labels: [true, true],
    });
    expect(toTrlRows(sampleRecords(), { threshold: 0.5 })[1]?.labels).toEqual([false, false]);
  });

  it('can add a row per sibling: the prefix before it, then the sibling', () => {
    const rows = toTrlRows(sampleRecords(), { includeSiblings: true });
    expect(rows).toHaveLength(2 + 3);
    expect(rows[1]).toEqual({ prompt: 'How many red circles?', completions: ['Count the red circles: 2.'], labels: [true], images: ['images/q1.png'] });
    expect(rows[4]).toEqual({ prompt: 'Which bar is taller?', completions: ['Read the red bar: 5.', 'The answer is B.'], labels: [true, true] });
  });

  it('round-trips through a file', async () => {
    const file = path.join(dir, 'trl.jsonl');
    expect(await writeTrlJsonl(file, sampleRecords(), { includeSiblings: true })).toBe(5);
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(5);
    expect(await readTrlJsonl(file)).toEqual(toTrlRows(sampleRecords(), { includeSiblings: true }));
  });

  it('imports rows as valid records whose export gives the rows back', () => {
    const rows = toTrlRows(sampleRecords());
    const records = rows.map((row, i) => trlRowToRecord(row, i, { idPrefix: 'shepherd' }));
    records.forEach((r, i) => parseSolutionRecord(r, `row ${i}`));
    expect(records[1]).toMatchObject({ id: 'shepherd-1#0', correct: false, image: null });
    expect(toTrlRows(records)).toEqual(rows);
  });

  it('names the line and field of a bad row', () => {
    const good = JSON.stringify({ prompt: 'p', completions: ['a', 'b'], labels: [true, false] });
    expect(errorOf(`${good}\n{"prompt":"p","completions":["a","b"],"labels":[true]}`)).toBe('trl.jsonl:2: field "labels" must have one entry per completion (2), got 1');
    expect(errorOf(`${good}\n${good}\n{"prompt":"p","completions":["a"],"labels":[1]}`)).toBe('trl.jsonl:3: field "labels[0]" must be true or false, got 1');
    expect(errorOf('{"completions":["a"],"labels":[true]}')).toBe('trl.jsonl:1: field "prompt" must be a string, got nothing (missing)');
    expect(errorOf('{"prompt":"p","completions":["a",2],"labels":[true,true]}')).toBe('trl.jsonl:1: field "completions[1]" must be a string, got 2');
    expect(errorOf('{"prompt":"p","completions":[],"labels":[]}')).toBe('trl.jsonl:1: field "completions" must not be empty');
    expect(errorOf('{"prompt":"p","completions":["a"],"labels":[true],"images":[3]}')).toBe('trl.jsonl:1: field "images[0]" must be a string, got 3');
    expect(parseTrlJsonl('{"prompt":"p","completions":["a"],"labels":[true],"image":"x.png"}', 't')[0]?.images).toEqual(['x.png']);
  });
});

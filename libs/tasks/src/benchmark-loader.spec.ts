import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark } from './benchmark-loader';
import { Raster } from './raster';

describe('loadBenchmark', () => {
  let dir: string;
  const png = new Raster(4, 4, [1, 2, 3]).toPng();
  const b64 = Buffer.from(png).toString('base64');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'prmbas-loader-'));
    await mkdir(join(dir, 'images'));
    await writeFile(join(dir, 'images', '1.png'), png);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function write(name: string, content: string): Promise<string> {
    const file = join(dir, name);
    await writeFile(file, content);
    return file;
  }

  it('reads MathVista testmini-style objects keyed by pid, using query as the prompt', async () => {
    const file = await write('testmini.json', JSON.stringify({
      '1': { question: 'What is the length?', image: 'images/1.png', choices: null, unit: 'cm', precision: 1.0, answer: '1.2', question_type: 'free_form', answer_type: 'float', pid: '1', metadata: { category: 'math-targeted-vqa' }, query: 'Hint: float.\nQuestion: What is the length?' },
      '2': { question: 'Which is bigger?', image: 'images/1.png', choices: ['the cat', 'the dog'], unit: null, precision: null, answer: 'the dog', question_type: 'multi_choice', answer_type: 'text', pid: '2', metadata: {} },
    }));
    const [a, b] = await loadBenchmark(file);
    expect(a).toMatchObject({ id: '1', text: 'Hint: float.\nQuestion: What is the length?', answerType: 'number', answer: '1.2', precision: 1, unit: 'cm' });
    expect(a!.meta).toMatchObject({ family: 'testmini', category: 'math-targeted-vqa', question: 'What is the length?' });
    expect(a!.images[0]!.data).toEqual(png);
    expect(a!.images[0]!.mime).toBe('image/png');
    expect(b).toMatchObject({ id: '2', answerType: 'choice', answer: 'B', choices: ['the cat', 'the dog'] });
    // Without a query the prompt is built with lettered choices.
    expect(b!.text).toContain('Question: Which is bigger?\nChoices:\n(A) the cat\n(B) the dog');
  });

  it('reads JSONL and JSON arrays with base64 and data-URL images', async () => {
    const lines = [
      { pid: 'a', question: 'Q1', image: `data:image/png;base64,${b64}`, answer: 7, answer_type: 'integer' },
      { id: 'b', question: 'Q2', image: b64, answer: 'C', choices: ['x', 'y', 'z'] },
      { question: 'Q3', answer: 'Paris', answer_type: 'text' },
    ];
    const jsonl = await write('mixed.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n\n');
    const fromJsonl = await loadBenchmark(jsonl);
    expect(fromJsonl.map((q) => [q.id, q.answerType, q.answer, q.images.length])).toEqual([
      ['a', 'number', '7', 1], ['b', 'choice', 'C', 1], ['mixed-3', 'text', 'Paris', 0],
    ]);
    expect(fromJsonl[0]!.images[0]!.data).toEqual(png);
    const json = await write('arr.json', JSON.stringify(lines));
    const fromJson = await loadBenchmark(json, { family: 'mine', limit: 2 });
    expect(fromJson.map((q) => q.id)).toEqual(['a', 'b']);
    expect(fromJson[0]!.meta.family).toBe('mine');
    // Unknown extensions are sniffed: one JSON document, or one record per line.
    expect((await loadBenchmark(await write('arr.data', JSON.stringify(lines)))).map((q) => q.id)).toEqual(['a', 'b', 'arr-2']);
    expect((await loadBenchmark(await write('one.data', `${JSON.stringify(lines[2])}\n`))).map((q) => q.id)).toEqual(['one-1']);
  });

  it('names line and field of a malformed JSONL record', async () => {
    const good = JSON.stringify({ pid: 'ok', question: 'Q', answer: '1' });
    const cases: Array<[string, RegExp]> = [
      [JSON.stringify({ pid: 'x', question: 'Q' }), /^questions\.jsonl:3: field "answer" is required$/],
      [JSON.stringify({ pid: 'x', answer: '1' }), /^questions\.jsonl:3: field "question" is required$/],
      [JSON.stringify({ pid: 'x', question: 'Q', answer: '1', choices: 'abc' }), /^questions\.jsonl:3: field "choices" must be a list/],
      [JSON.stringify({ pid: 'x', question: 'Q', answer: 'many', answer_type: 'integer' }), /^questions\.jsonl:3: field "answer" \("many"\) is not a number/],
      [JSON.stringify({ pid: 'x', question: 'Q', answer: 'E', choices: ['a', 'b'], question_type: 'multi_choice' }), /^questions\.jsonl:3: field "answer" .*neither one of the choices/],
      [JSON.stringify({ pid: 'x', question: 'Q', answer: '1', answer_type: 'bool' }), /^questions\.jsonl:3: field "answer_type" must be one of/],
      [JSON.stringify({ pid: 'ok', question: 'Q', answer: '1' }), /^questions\.jsonl:3: field "pid" \("ok"\) repeats the pid of questions\.jsonl:1$/],
      ['{not json', /^questions\.jsonl:3: invalid JSON/],
      ['[1, 2]', /^questions\.jsonl:3: record must be a JSON object$/],
    ];
    for (const [line, message] of cases) {
      const file = await write('questions.jsonl', `${good}\n\n${line}\n`);
      await expect(loadBenchmark(file)).rejects.toThrow(message);
    }
  });

  it('names the record index and pid in JSON, and reports missing images by path', async () => {
    const arr = await write('bad.json', JSON.stringify([{ pid: 'p0', question: 'Q', answer: '1' }, { pid: 'p1', question: 'Q' }]));
    await expect(loadBenchmark(arr)).rejects.toThrow('bad.json: record 1 (pid "p1"): field "answer" is required');
    const missing = await write('missing.jsonl', JSON.stringify({ pid: 'm', question: 'Q', answer: '1', image: 'images/nope.png' }));
    await expect(loadBenchmark(missing)).rejects.toThrow(`missing.jsonl:1: field "image" file not found: ${join(dir, 'images', 'nope.png')}`);
    const scalar = await write('scalar.json', '42');
    await expect(loadBenchmark(scalar)).rejects.toThrow(/expected a JSON array/);
  });
});

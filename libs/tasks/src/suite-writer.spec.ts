import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark } from './benchmark-loader';
import { suiteDigest } from './suite-digest';
import { writeSuite } from './suite-writer';
import { generateSuite } from './synth-suite';
import { referenceSolution } from './synth-payload';

describe('writeSuite, loadBenchmark and suiteDigest', () => {
  let dir: string;
  const suite = generateSuite({ size: 40, seed: 5 });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'prmbas-suite-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes MathVista-style records and images that load back as the same questions', async () => {
    const file = await writeSuite(dir, suite);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(40);
    const rec = JSON.parse(lines[0]!);
    expect(Object.keys(rec).sort()).toEqual(['answer', 'answer_type', 'choices', 'image', 'metadata', 'pid', 'precision', 'query', 'question', 'question_type', 'unit'].sort());
    expect(rec.image).toBe(`images/${suite[0]!.id}.png`);
    const mc = suite.find((q) => q.answerType === 'choice')!;
    const mcRec = JSON.parse(lines[suite.indexOf(mc)]!);
    expect(mcRec).toMatchObject({ question_type: 'multi_choice', answer: mc.choices![mc.answer.charCodeAt(0) - 65] });
    expect((await readdir(join(dir, 'images'))).length).toBe(40);

    const loaded = await loadBenchmark(file);
    expect(loaded.map((q) => [q.id, q.text, q.answer, q.answerType, q.choices, q.meta])).toEqual(suite.map((q) => [q.id, q.text, q.answer, q.answerType, q.choices, q.meta]));
    loaded.forEach((q, i) => expect(q.images[0]!.data).toEqual(suite[i]!.images[0]!.data));
    // Loaded synth questions still carry their payload.
    expect(referenceSolution(loaded[0]!)).toEqual(referenceSolution(suite[0]!));
    expect(suiteDigest(loaded)).toBe(suiteDigest(suite));
  });

  it('changes the digest when any image byte, answer or order changes', () => {
    const base = suiteDigest(suite);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    const img = suite[3]!.images[0]!;
    const flipped = img.data.slice();
    flipped[60] = flipped[60]! ^ 1;
    expect(suiteDigest(suite.map((q, i) => (i === 3 ? { ...q, images: [{ ...img, data: flipped }] } : q)))).not.toBe(base);
    expect(suiteDigest(suite.map((q, i) => (i === 0 ? { ...q, answer: `${q.answer}0` } : q)))).not.toBe(base);
    expect(suiteDigest([suite[1]!, suite[0]!, ...suite.slice(2)])).not.toBe(base);
  });
});

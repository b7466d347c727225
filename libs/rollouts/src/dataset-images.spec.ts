import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultImageRef } from './build-dataset';
import { resolveImageRef } from './dataset-jsonl';
import { writeDatasetImages } from './dataset-images';
import { synthQuestions } from './testing/sim-fixture';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'prmbas-images-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeDatasetImages', () => {
  it("writes each question's image where its record's reference points, relative to the dataset file", async () => {
    const file = path.join(dir, 'out', 'data.jsonl');
    const questions = synthQuestions(3, 8);
    expect(await writeDatasetImages(file, questions)).toBe(3);
    for (const q of questions) {
      const ref = defaultImageRef(q) as string;
      expect(ref).toBe(`images/${q.id}.png`);
      expect(new Uint8Array(await readFile(resolveImageRef(file, ref)))).toEqual(q.images[0]?.data);
    }
    expect(defaultImageRef({ ...questions[0]!, images: [] })).toBeNull();
  });
});

import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { isCorrect } from './answer-check';
import { generateQuestion, generateSuite } from './synth-suite';
import { readSynthPayload, referenceSolution } from './synth-payload';
import { listChunks } from './png-text-chunk';

describe('synth suite', () => {
  const suite = generateSuite({ size: 300, seed: 1 });

  it('is deterministic: same seed and options give identical questions and PNG bytes', () => {
    const again = generateSuite({ size: 300, seed: 1 });
    expect(again).toEqual(suite);
    // Question i does not depend on the suite size.
    expect(generateQuestion(1, 17)).toEqual(suite[17]);
    const other = generateSuite({ size: 20, seed: 2 });
    expect(other.map((q) => q.text)).not.toEqual(suite.slice(0, 20).map((q) => q.text));
  });

  it('mixes both families and all difficulties, with 3 to 8 planned steps', () => {
    expect(new Set(suite.map((q) => q.meta.family))).toEqual(new Set(['shapes', 'bars']));
    expect(new Set(suite.map((q) => q.meta.difficulty))).toEqual(new Set([1, 2, 3]));
    for (const q of suite) {
      const steps = q.meta.plannedSteps!;
      expect(steps).toBeGreaterThanOrEqual(3);
      expect(steps).toBeLessThanOrEqual(8);
      const range = { 1: [3, 4], 2: [5, 6], 3: [7, 8] }[q.meta.difficulty as 1 | 2 | 3];
      expect(steps).toBeGreaterThanOrEqual(range[0]!);
      expect(steps).toBeLessThanOrEqual(range[1]!);
    }
    expect(suite.some((q) => q.answerType === 'choice')).toBe(true);
  });

  it('makes the reference solution end in the gold answer', () => {
    for (const q of suite) {
      const steps = referenceSolution(q);
      expect(steps).toHaveLength(q.meta.plannedSteps!);
      const last = steps[steps.length - 1]!;
      expect(last.kind).toBe('answer');
      expect(isCorrect(last.kind === 'answer' ? last.answer : null, q.answer, q)).toBe(true);
      if (q.answerType === 'choice') {
        expect(q.answer).toMatch(/^[A-D]$/);
        expect(q.text).toContain(`(${q.answer}) ${q.choices![q.answer.charCodeAt(0) - 65]}`);
      } else {
        expect(Number(q.answer)).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('renders 128x128 RGB PNGs carrying the payload in a tEXt chunk', () => {
    const q = suite[3]!;
    const png = PNG.sync.read(Buffer.from(q.images[0]!.data));
    expect([png.width, png.height]).toEqual([128, 128]);
    expect(listChunks(q.images[0]!.data).find((c) => c.type === 'IHDR')!.data[9]).toBe(2); // colour type RGB
    const payload = readSynthPayload(q.images[0]!.data)!;
    expect(payload.questionId).toBe(q.id);
    expect(payload.scene.kind).toBe(q.meta.family);
  });

  it('honours families, difficulty and imageSize', () => {
    const bars = generateSuite({ size: 30, seed: 3, families: ['bars'], difficulty: 3, imageSize: { width: 160, height: 144 } });
    for (const q of bars) {
      expect(q.meta.family).toBe('bars');
      expect(q.meta.difficulty).toBe(3);
      const png = PNG.sync.read(Buffer.from(q.images[0]!.data));
      expect([png.width, png.height]).toEqual([160, 144]);
    }
    const easy = generateSuite({ size: 30, seed: 3, families: ['shapes'], difficulty: [1] });
    expect(easy.every((q) => q.meta.family === 'shapes' && q.meta.plannedSteps! <= 4)).toBe(true);
    expect(() => generateSuite({ size: 1, seed: 1, difficulty: 4 as 1 })).toThrow(/difficulty/);
    expect(() => generateSuite({ size: 1, seed: 1, families: [] })).toThrow(/families/);
  });

  it('generates and renders 1000 questions in seconds', () => {
    const t0 = performance.now();
    generateSuite({ size: 1000, seed: 9 });
    expect(performance.now() - t0).toBeLessThan(8000);
  });
});

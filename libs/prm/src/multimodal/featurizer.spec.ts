import { describe, expect, it } from 'vitest';
import { generateQuestion } from '@prmbas/tasks';
import { packBatch } from './batch';
import { MmFeaturizer, NUMBER_FLAGS, TOKEN_FLAGS } from './featurizer';
import { decodeImage, imagePalette } from './image-input';
import { NUM_ID, tokenize, Vocabulary } from './tokenizer';

describe('tokenizer', () => {
  it('splits words, marks and numbers; an operator minus is not a sign', () => {
    expect(tokenize('Subtract: 5 - 7 = -2.').map((t) => t.value ?? t.text)).toEqual(['subtract', ':', 5, '-', 7, '=', -2, '.']);
    expect(tokenize('Multiply: 6 × 3 = 18.').map((t) => t.value ?? t.text)).toEqual(['multiply', ':', 6, '×', 3, '=', 18, '.']);
    expect(tokenize('x-2')).toEqual([{ text: 'x' }, { text: '-' }, { text: '<num>', value: 2 }]);
  });

  it('builds the same vocabulary from the same texts and round-trips through JSON', () => {
    const texts = ['Count the red circles: there are 3.', 'Read the blue bar: its value is 7.'];
    const a = Vocabulary.build(texts);
    expect(a.tokens).toEqual(Vocabulary.build(texts).tokens);
    expect(Vocabulary.fromJSON(JSON.parse(JSON.stringify(a.toJSON()))).tokens).toEqual(a.tokens);
    expect(a.id('red')).toBeGreaterThan(2);
    expect(a.id('purple')).toBe(1);
  });
});

describe('image input', () => {
  it('represents an image exactly by its palette', () => {
    const q = generateQuestion(1, 0);
    const img = decodeImage(q.images[0]!.data, 128);
    const p = img.palette;
    expect(p.shift).toBe(0);
    expect(p.counts.reduce((a, b) => a + b, 0)).toBe(128 * 128);
    for (let y = 0; y < 128; y += 17) {
      for (let x = 0; x < 128; x += 13) {
        const k = p.index[y * 128 + x]!;
        for (let c = 0; c < 3; c++) expect(Math.round(p.colors[3 * k + c]! * 255)).toBe(img.pixels[(y * 128 + x) * 3 + c]);
        expect(p.rows[y * p.count + k]).toBe(1);
        expect(p.cols[x * p.count + k]).toBe(1);
      }
    }
  });

  it('quantises colour-rich images down to the palette limit', () => {
    const pixels = new Uint8Array(32 * 32 * 3).map((_, i) => (i * 37) % 256);
    const p = imagePalette(pixels, 32, 64);
    expect(p.count).toBeLessThanOrEqual(64);
    expect(p.shift).toBeGreaterThan(0);
  });
});

describe('MmFeaturizer', () => {
  const vocab = Vocabulary.build(['Count the red circles: there are 3.', 'Add: 3 + 4 = 7.', 'How many red circles and blue squares?']);
  const config = { imageSize: 32, maxStepTokens: 12, maxQuestionTokens: 16, maxNumbers: 4, maxSteps: 4 };
  const question = 'How many red circles and blue squares? Add 4.';
  const steps = ['Count the red circles: there are 3.'];

  it('gives fixed-size, deterministic features', () => {
    const image = generateQuestion(1, 2).images[0]!.data;
    const a = new MmFeaturizer(vocab, config).featurizeParts(question, image, steps, 'Add: 3 + 4 = 7.');
    const b = new MmFeaturizer(vocab, config).featurizeParts(question, image, steps, 'Add: 3 + 4 = 7.');
    expect(a.units).toHaveLength(2);
    const cand = a.units[1]!;
    expect(cand.ids).toHaveLength(12);
    expect(cand.tokenFlags).toHaveLength(12 * TOKEN_FLAGS);
    expect(cand.numberFlags).toHaveLength(4 * NUMBER_FLAGS);
    expect(Array.from(cand.numbers)).toEqual([3, 4, 7, 0]);
    expect(Array.from(cand.numberMask)).toEqual([1, 1, 1, 0]);
    expect(cand.ids[2]).toBe(NUM_ID);
    // 3: stated by the earlier step; 4: in the question; 7: new.
    expect(Array.from(cand.numberFlags.slice(0, 9))).toEqual([0, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(a.image!.pixels).toHaveLength(32 * 32 * 3);
    expect(a.units.map((u) => u.key)).toEqual(b.units.map((u) => u.key));
    expect(Array.from(a.units[1]!.ids)).toEqual(Array.from(b.units[1]!.ids));
  });

  it('shares prefix units and images across items, and a batch holds each once', () => {
    const f = new MmFeaturizer(vocab, config);
    const image = generateQuestion(1, 2).images[0]!.data;
    const x = f.featurizeParts(question, image, steps, 'Add: 3 + 4 = 7.');
    const y = f.featurizeParts(question, image, steps, 'Add: 3 + 4 = 8.');
    expect(x.units[0]).toBe(y.units[0]);
    expect(x.image).toBe(y.image);
    const packed = packBatch([x, y, x], config);
    expect(packed.imageCount).toBe(1);
    expect(packed.unitCount).toBe(3);
    expect(Array.from(packed.candidateUnit)).toEqual([1, 2, 1]);
    expect(Array.from(packed.exampleMask.slice(0, 4))).toEqual([1, 1, 0, 0]);
  });
});

import { Rng } from '@prmbas/search';
import { describe, expect, it } from 'vitest';
import { argmax, sampleCategorical, softmaxAt } from './categorical';

const entropy = (p: number[]) => -p.reduce((s, x) => s + (x > 0 ? x * Math.log(x) : 0), 0);

describe('categorical', () => {
  const logits = [Math.log(0.6), Math.log(0.3), Math.log(0.1)];

  it('recovers the masses at T=1 and sharpens/flattens with temperature', () => {
    const p1 = softmaxAt(logits, 1);
    p1.forEach((p, i) => expect(p).toBeCloseTo([0.6, 0.3, 0.1][i]!, 10));
    expect(entropy(softmaxAt(logits, 0.5))).toBeLessThan(entropy(p1));
    expect(entropy(softmaxAt(logits, 2))).toBeGreaterThan(entropy(p1));
    expect(softmaxAt(logits, 0)).toEqual([1, 0, 0]);
    expect(softmaxAt([0, 1, 1], 0)).toEqual([0, 1, 0]);
    expect(argmax([1, 3, 3])).toBe(1);
    expect(() => softmaxAt(logits, -1)).toThrow(/temperature/);
  });

  it('samples with the softmax frequencies', () => {
    const rng = new Rng(5);
    const counts = [0, 0, 0];
    const n = 20000;
    for (let i = 0; i < n; i++) counts[sampleCategorical(logits, 0.8, rng)]!++;
    const p = softmaxAt(logits, 0.8);
    counts.forEach((c, i) => expect(Math.abs(c / n - p[i]!)).toBeLessThan(0.015));
  });
});

import { describe, expect, it } from 'vitest';
import { percentile, summarise } from './latency-stats';

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const xs = [5, 1, 4, 2, 3];
    expect(percentile(xs, 50)).toBe(3);
    expect(percentile(xs, 99)).toBe(5);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
    expect(summarise([1, 2, 3, 4])).toMatchObject({ n: 4, p50: 2, p99: 4, mean: 2.5 });
  });
});

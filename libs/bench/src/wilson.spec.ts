import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson';

describe('wilsonInterval', () => {
  it('matches a hand computation for 8/10', () => {
    // p=0.8, n=10, z=1.96: denom=1.38415, centre=(0.8+0.19207)/denom=0.71673,
    // half=1.96*sqrt(0.016+0.0096037)/denom=0.22658
    const [lo, hi] = wilsonInterval(8, 10);
    expect(lo).toBeCloseTo(0.4902, 3);
    expect(hi).toBeCloseTo(0.9433, 3);
  });
  it('stays inside [0, 1] at the edges', () => {
    const [lo0, hi0] = wilsonInterval(0, 20);
    expect(lo0).toBe(0);
    expect(hi0).toBeGreaterThan(0.1);
    const [lo1, hi1] = wilsonInterval(20, 20);
    expect(hi1).toBe(1);
    expect(lo1).toBeLessThan(0.9);
  });
  it('narrows as the sample grows', () => {
    const [a, b] = wilsonInterval(50, 100);
    const [c, d] = wilsonInterval(500, 1000);
    expect(d - c).toBeLessThan(b - a);
  });
  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(/successes <= total/);
  });
});

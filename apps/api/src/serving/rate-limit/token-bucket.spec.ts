import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  it('allows a burst, then refuses until a token refills, with the wait', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 3 }); // one token a second
    const t0 = 1_000;
    expect([0, 1, 2].map(() => buckets.take('k', t0).allowed)).toEqual([true, true, true]);
    const refused = buckets.take('k', t0);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(refused.retryAfterMs).toBeCloseTo(1000, 6);
    expect(buckets.take('k', t0 + 400).allowed).toBe(false);
    const back = buckets.take('k', t0 + 1000);
    expect(back.allowed).toBe(true);
    expect(back.resetMs).toBeCloseTo(3000, 6);
    // Another caller has its own bucket.
    expect(buckets.take('other', t0 + 1000)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('never holds more than the burst, however long a caller was idle', () => {
    const buckets = new TokenBuckets({ perMinute: 600, burst: 2 });
    buckets.take('k', 0);
    const decisions = [0, 1, 2].map(() => buckets.take('k', 3_600_000).allowed);
    expect(decisions).toEqual([true, true, false]);
  });

  it('is off at 0 per minute', () => {
    const buckets = new TokenBuckets({ perMinute: 0, burst: 1 });
    expect(Array.from({ length: 100 }, () => buckets.take('k', 0).allowed).every(Boolean)).toBe(true);
    expect(buckets.size()).toBe(0);
  });
});

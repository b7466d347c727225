import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, sleep, withRetry } from './retry';

const headers = (h: Record<string, string>) => ({ get: (name: string) => h[name] ?? null });

describe('backoffDelay', () => {
  it('doubles per retry and caps at maxMs when jitter is 0', () => {
    const cfg = { baseMs: 100, maxMs: 1000, jitter: 0 };
    expect([0, 1, 2, 3, 4, 5].map((r) => backoffDelay(r, cfg, () => 0.99))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('keeps jittered waits within [full*(1-jitter), full]', () => {
    const cfg = { baseMs: 1000, maxMs: 60_000, jitter: 0.5 };
    expect(backoffDelay(1, cfg, () => 0)).toBe(1000);
    expect(backoffDelay(1, cfg, () => 0.999999)).toBe(2000);
    expect(backoffDelay(1, cfg, () => 0.5)).toBe(1500);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, milliseconds and HTTP dates', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '2' }))).toBe(2000);
    expect(parseRetryAfter(headers({ 'retry-after': '0.25' }))).toBe(250);
    expect(parseRetryAfter(headers({ 'retry-after-ms': '120', 'retry-after': '9' }))).toBe(120);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' }), now)).toBe(3000);
  });

  it('ignores absent or unparsable values', () => {
    expect(parseRetryAfter(headers({}))).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after': '-1' }))).toBeUndefined();
  });
});

describe('withRetry', () => {
  const fast = { baseMs: 1, maxMs: 1, jitter: 0 };

  it('retries until success and reports each wait', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async (i) => {
        calls++;
        if (i < 2) throw new Error(`fail ${i}`);
        return 'ok';
      },
      { maxRetries: 5, backoff: fast, random: () => 0, decide: () => ({ retry: true }), onRetry: (_e, _r, d) => waits.push(d) },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(waits).toEqual([1, 1]);
  });

  it('stops at maxRetries and throws the last error', async () => {
    let calls = 0;
    const run = withRetry(
      async (i) => {
        calls++;
        throw new Error(`fail ${i}`);
      },
      { maxRetries: 2, backoff: fast, random: () => 0, decide: () => ({ retry: true }) },
    );
    await expect(run).rejects.toThrow('fail 2');
    expect(calls).toBe(3);
  });

  it('does not retry when decide refuses, and uses a server-given delay when offered', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error('bad request');
        },
        { maxRetries: 5, backoff: fast, random: () => 0, decide: () => ({ retry: false }) },
      ),
    ).rejects.toThrow('bad request');
    expect(calls).toBe(1);

    const waits: number[] = [];
    await withRetry(async (i) => (i === 0 ? Promise.reject(new Error('busy')) : 'ok'), {
      maxRetries: 1,
      backoff: fast,
      random: () => 0,
      decide: () => ({ retry: true, delayMs: 7 }),
      onRetry: (_e, _r, d) => waits.push(d),
    });
    expect(waits).toEqual([7]);
  });

  it('aborts a pending wait at once', async () => {
    const ctrl = new AbortController();
    const started = Date.now();
    const run = withRetry(() => Promise.reject(new Error('busy')), {
      maxRetries: 3,
      backoff: { baseMs: 10_000, maxMs: 10_000, jitter: 0 },
      random: () => 0,
      decide: () => ({ retry: true }),
      signal: ctrl.signal,
    });
    setTimeout(() => ctrl.abort(new Error('cancelled')), 20);
    await expect(run).rejects.toThrow('cancelled');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('sleep rejects immediately on an already aborted signal', async () => {
    await expect(sleep(10_000, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
  });
});

import { describe, expect, it } from 'vitest';
import { mapConcurrent, Semaphore } from './concurrency';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Semaphore', () => {
  it('grants up to the limit, then FIFO as permits are released', async () => {
    const sem = new Semaphore(2);
    const order: string[] = [];
    const r1 = await sem.acquire();
    await sem.acquire();
    const third = sem.acquire().then((release) => (order.push('third'), release));
    const fourth = sem.acquire().then((release) => (order.push('fourth'), release));
    expect(sem.inFlight).toBe(2);
    expect(sem.waiting).toBe(2);
    r1();
    r1(); // releasing twice is a no-op
    const r3 = await third;
    expect(order).toEqual(['third']);
    r3();
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
    expect(sem.inFlight).toBe(2);
    // Hand-offs keep the count: the limit was never exceeded.
    expect(sem.maxInFlight).toBe(2);
    expect(sem.waiting).toBe(0);
  });

  it('rejects a waiting acquire when the signal aborts', async () => {
    const sem = new Semaphore(1);
    await sem.acquire();
    const controller = new AbortController();
    const waiting = sem.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });

  it('refuses a limit below 1', () => {
    expect(() => new Semaphore(0)).toThrow(/limit/);
  });
});

describe('mapConcurrent', () => {
  it('keeps input order whatever the completion order, with at most `limit` in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapConcurrent([30, 5, 20, 1, 10], new Semaphore(2), async (ms, i) => {
      peak = Math.max(peak, ++inFlight);
      await tick(ms);
      inFlight--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40]);
    expect(peak).toBe(2);
  });

  it('stops starting calls after a failure and throws the first error once the running ones settle', async () => {
    const started: number[] = [];
    let settled = 0;
    const run = mapConcurrent([0, 1, 2, 3], new Semaphore(2), async (i) => {
      started.push(i);
      await tick(i === 0 ? 1 : 15);
      settled++;
      if (i === 0) throw new Error('boom');
      return i;
    });
    await expect(run).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
    expect(settled).toBe(2);
  });
});

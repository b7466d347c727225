import { describe, expect, it } from 'vitest';
import { Semaphore } from './semaphore';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('Semaphore', () => {
  it('never lets more than `limit` tasks run at once', async () => {
    const sem = new Semaphore(3);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      await tick();
      running--;
    };
    await Promise.all(Array.from({ length: 20 }, () => sem.run(task)));
    expect(peak).toBe(3);
    expect(sem.maxInUse).toBe(3);
    expect(sem.inUse).toBe(0);
  });

  it('grants waiting slots in FIFO order', async () => {
    const sem = new Semaphore(1);
    const release = await sem.acquire();
    const order: number[] = [];
    const waits = [1, 2, 3].map((i) => sem.acquire().then((rel) => (order.push(i), rel())));
    release();
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3]);
  });

  it('releasing twice frees only one slot', async () => {
    const sem = new Semaphore(1);
    const release = await sem.acquire();
    const second = sem.acquire();
    release();
    release();
    const rel2 = await second;
    expect(sem.inUse).toBe(1);
    rel2();
    expect(sem.inUse).toBe(0);
  });

  it('drops an aborted waiter from the queue and rejects with the reason', async () => {
    const sem = new Semaphore(1);
    const release = await sem.acquire();
    const ctrl = new AbortController();
    const waiting = sem.acquire(ctrl.signal);
    expect(sem.waiting).toBe(1);
    ctrl.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(sem.waiting).toBe(0);
    release();
    expect(sem.inUse).toBe(0);
  });

  it('releases the slot when the task throws', async () => {
    const sem = new Semaphore(1);
    await expect(sem.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(sem.inUse).toBe(0);
  });

  it('rejects a non-positive limit', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
    expect(() => new Semaphore(1.5)).toThrow(RangeError);
  });
});

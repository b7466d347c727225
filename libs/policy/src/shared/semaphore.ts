/**
 * A counting semaphore: at most `limit` tasks hold a slot at once; the others wait in FIFO order.
 * Policies share one per instance so every caller (search strategies, MC rollouts) together stays
 * under the backend's concurrency limit.
 */
export class Semaphore {
  private active = 0;
  private peak = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Semaphore limit must be a positive integer, got ${limit}`);
  }

  /** Slots held right now. */
  get inUse(): number {
    return this.active;
  }

  /** Most slots ever held at once (lets tests and stats check the limit was honoured). */
  get maxInUse(): number {
    return this.peak;
  }

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * Wait for a slot and return its release function (call it exactly once; extra calls are ignored
   * so a `finally` after an early release cannot free someone else's slot).
   * Rejects with the signal's reason if `signal` aborts while waiting; the queue position is dropped.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.active < this.limit) return Promise.resolve(this.take());
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.waiters.indexOf(grant);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(abortReason(signal as AbortSignal));
      };
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.take());
      };
      this.waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Run `task` while holding a slot. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await task();
    } finally {
      release();
    }
  }

  private take(): () => void {
    this.active++;
    this.peak = Math.max(this.peak, this.active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      // Hand the slot straight to the next waiter (it re-increments `active` in take()).
      const next = this.waiters.shift();
      if (next) next();
    };
  }
}

/** The reason an aborted signal carries, as an Error (DOMException AbortError when none was given). */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException(reason === undefined ? 'This operation was aborted' : String(reason), 'AbortError');
}

/**
 * Bounded concurrency for policy calls. A search depth issues all its proposals at once; the
 * semaphore keeps at most `limit` in flight so a local server is not flooded, and grants permits
 * in FIFO order so calls start in a deterministic order.
 */

export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The search was aborted', 'AbortError');
}

/**
 * Settle like `promise`, or reject as soon as `signal` aborts, so a search stops promptly even
 * when a policy or PRM ignores the signal (its late result is then dropped).
 */
export function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}

export class Semaphore {
  private active = 0;
  private peak = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`Semaphore: limit must be an integer >= 1, got ${limit}`);
  }

  /** Permits currently held. */
  get inFlight(): number {
    return this.active;
  }

  /** Most permits ever held at once (lets stats and tests check the limit was honoured). */
  get maxInFlight(): number {
    return this.peak;
  }

  /** Tasks waiting for a permit. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** Wait for a permit; resolves to its release function (call it exactly once). */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.active < this.limit) {
      this.active++;
      this.peak = Math.max(this.peak, this.active);
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(this.releaser());
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(grant);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(abortError(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(grant);
    });
  }

  /** Run `task` under a permit. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await task();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      // Hand the permit straight to the next waiter: `active` stays the same.
      if (next) next();
      else this.active--;
    };
  }
}

/**
 * Map `items` through `fn` with at most `semaphore.limit` calls in flight; results keep the input
 * order whatever order the calls complete in. After the first failure no new call starts; the
 * calls already running are awaited (so nothing is left dangling) and the first error is thrown.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  semaphore: Semaphore,
  fn: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  let failed = false;
  let firstError: unknown;
  const fail = (error: unknown) => {
    if (!failed) {
      failed = true;
      firstError = error;
    }
    return undefined;
  };
  const results = await Promise.all(
    items.map((item, index) =>
      semaphore
        .run(async () => {
          if (failed) return undefined;
          if (signal?.aborted) throw abortError(signal);
          try {
            return await fn(item, index);
          } catch (error) {
            // Mark the failure before the permit is released, so the next waiter does not start.
            fail(error);
            throw error;
          }
        }, signal)
        .catch(fail),
    ),
  );
  if (failed) throw firstError;
  return results as R[];
}

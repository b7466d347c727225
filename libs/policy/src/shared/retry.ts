/**
 * Retries with exponential backoff. The caller decides which failures are worth another attempt
 * (and may impose a server-given delay such as `Retry-After`); this file only schedules them.
 */
import { abortReason } from './abort';

export interface BackoffConfig {
  /** Wait before the first retry, in ms; each further retry doubles it. */
  baseMs: number;
  /** Cap on a computed wait, in ms (a server's `Retry-After` is capped separately by the caller). */
  maxMs: number;
  /**
   * Share of the wait that is random, in [0, 1]: 0 = fully deterministic, 0.5 = "equal jitter".
   * Jitter spreads out clients that failed together so they do not retry in lockstep.
   */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffConfig = {
  baseMs: 500, // a busy vLLM queue drains in about a second; shorter just adds load
  maxMs: 20_000, // beyond ~20 s a server is down, not busy; the retry count bounds the rest
  jitter: 0.5, // "equal jitter": half fixed, half random
};

/** The wait before retry number `retry` (0-based); `random` draws from [0, 1). */
export function backoffDelay(retry: number, config: BackoffConfig, random: () => number): number {
  const full = Math.min(config.maxMs, config.baseMs * 2 ** retry);
  const jitter = Math.min(1, Math.max(0, config.jitter));
  return Math.round(full * (1 - jitter) + full * jitter * random());
}

/**
 * The delay a server asks for, in ms: `retry-after-ms` (OpenAI), else `retry-after` as seconds or
 * an HTTP date. Undefined when absent or unparsable.
 */
export function parseRetryAfter(headers: { get(name: string): string | null }, nowMs: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Resolve after `ms`, or reject with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export type RetryDecision = { retry: false } | { retry: true; /** Server-imposed wait; replaces the backoff. */ delayMs?: number };

export interface RetryOptions {
  /** Retries after the first attempt (0 = try once). */
  maxRetries: number;
  backoff: BackoffConfig;
  /** Source of jitter in [0, 1); pass a seeded generator for reproducible schedules. */
  random: () => number;
  /** Whether (and when) to retry after `error`. Never called for aborts of `signal`. */
  decide: (error: unknown) => RetryDecision;
  signal?: AbortSignal;
  /** Told before each wait (for stats and logs). */
  onRetry?: (error: unknown, retry: number, delayMs: number) => void;
}

/** Run `attempt(i)` (i = 0, 1, ...) until it resolves, `decide` refuses, or retries run out. */
export async function withRetry<T>(attempt: (index: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let index = 0; ; index++) {
    try {
      return await attempt(index);
    } catch (error) {
      if (options.signal?.aborted) throw abortReason(options.signal);
      if (index >= options.maxRetries) throw error;
      const decision = options.decide(error);
      if (!decision.retry) throw error;
      const delayMs = decision.delayMs ?? backoffDelay(index, options.backoff, options.random);
      options.onRetry?.(error, index, delayMs);
      await sleep(delayMs, options.signal);
    }
  }
}

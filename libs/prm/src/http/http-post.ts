/**
 * POST a JSON body with a per-attempt timeout and retries with exponential backoff on 429/5xx,
 * timeouts and network errors (a server's Retry-After replaces the computed wait, capped).
 * Aborting the caller's signal stops at once, waits included.
 */
import { abortReason, parseRetryAfter, withRetry } from '@prmbas/policy';
import { HttpPrmError } from './http-prm-error';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First wait; each retry doubles it. */
  baseDelayMs: number;
  /** Cap on any wait, server-requested ones included. */
  maxDelayMs: number;
}

export interface PostOptions {
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Uniform [0, 1) source for jitter (seeded in tests). */
  random: () => number;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

/** The server's error message from an OpenAI/vLLM-style body ({error: {message}} or {message}/{detail}), else the text. */
function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: string } | string; message?: string; detail?: unknown };
    const m = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message ?? (body.detail !== undefined ? JSON.stringify(body.detail) : undefined));
    if (m) return m.slice(0, 500);
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 500);
}

async function attempt(body: string, o: PostOptions): Promise<unknown> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, o.timeoutMs);
  const onAbort = () => controller.abort(o.signal?.reason);
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let response: Response;
    let text: string;
    try {
      response = await (o.fetchImpl ?? fetch)(o.url, { method: 'POST', headers: o.headers, body, signal: controller.signal });
      text = await response.text(); // inside the timeout: a server can stall mid-body
    } catch (error) {
      if (o.signal?.aborted) throw abortReason(o.signal);
      if (timedOut) throw new HttpPrmError({ kind: 'timeout', url: o.url, detail: `${o.timeoutMs} ms` });
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new HttpPrmError({ kind: 'network', url: o.url, detail: cause?.code ?? cause?.message ?? String(error), cause: error });
    }
    if (!response.ok) {
      throw new HttpPrmError({ kind: 'http', url: o.url, status: response.status, detail: serverMessage(text), retryAfterMs: parseRetryAfter(response.headers) });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new HttpPrmError({ kind: 'invalid-response', url: o.url, status: response.status, detail: `body is not JSON: ${text.slice(0, 200)}` });
    }
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onAbort);
  }
}

export async function postJson(payload: unknown, o: PostOptions): Promise<unknown> {
  const body = JSON.stringify(payload);
  return withRetry(
    async (index) => {
      try {
        return await attempt(body, o);
      } catch (error) {
        if (error instanceof HttpPrmError) error.attempts = index + 1;
        throw error;
      }
    },
    {
      maxRetries: o.retry.maxRetries,
      // "Equal jitter": half the exponential wait fixed, half random, so clients that failed
      // together do not retry in lockstep.
      backoff: { baseMs: o.retry.baseDelayMs, maxMs: o.retry.maxDelayMs, jitter: 0.5 },
      random: o.random,
      signal: o.signal,
      decide: (error) =>
        error instanceof HttpPrmError && error.retryable
          ? { retry: true, delayMs: error.retryAfterMs !== undefined ? Math.min(o.retry.maxDelayMs, error.retryAfterMs) : undefined }
          : { retry: false },
    },
  );
}

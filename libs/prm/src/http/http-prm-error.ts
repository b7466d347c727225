/** One error type for every way a reward-model server call can fail, with what to look at. */

export type HttpPrmErrorKind = 'http' | 'timeout' | 'network' | 'invalid-response';

export interface HttpPrmErrorDetails {
  kind: HttpPrmErrorKind;
  url: string;
  status?: number;
  /** The server's own message (for 'http'), or what was wrong (other kinds). */
  detail?: string;
  /** Attempts made, retries included. */
  attempts?: number;
  /** A wait the server asked for (Retry-After), in ms. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class HttpPrmError extends Error {
  readonly kind: HttpPrmErrorKind;
  readonly url: string;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  attempts: number;

  constructor(d: HttpPrmErrorDetails) {
    const what =
      d.kind === 'http'
        ? `HTTP ${d.status}${d.detail ? `: ${d.detail}` : ''}`
        : d.kind === 'timeout'
          ? `no response within ${d.detail}`
          : d.kind === 'network'
            ? `network error: ${d.detail}`
            : `unexpected response: ${d.detail}`;
    super(`reward model at ${d.url}: ${what}`, { cause: d.cause });
    this.name = 'HttpPrmError';
    this.kind = d.kind;
    this.url = d.url;
    this.status = d.status;
    this.retryAfterMs = d.retryAfterMs;
    this.attempts = d.attempts ?? 1;
  }

  /** Worth another attempt: overload (429), server errors (5xx), timeouts, dropped connections. */
  get retryable(): boolean {
    if (this.kind === 'timeout' || this.kind === 'network') return true;
    return this.kind === 'http' && this.status !== undefined && (this.status === 429 || this.status >= 500);
  }
}

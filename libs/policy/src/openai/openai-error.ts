/**
 * The one error type of the OpenAI-compatible policy. It says what failed (status, the server's own
 * message, the URL and the model) and never carries the API key.
 */

export type OpenAIPolicyErrorKind =
  /** The server answered with a non-2xx status. */
  | 'http'
  /** No answer: connection refused or reset, DNS failure. */
  | 'network'
  /** No complete answer within `timeoutMs`. */
  | 'timeout'
  /** A 2xx answer that is not a chat completion (bad JSON, no choices). */
  | 'invalid-response';

export interface OpenAIPolicyErrorInit {
  kind: OpenAIPolicyErrorKind;
  url: string;
  model: string;
  status?: number | null;
  serverMessage?: string | null;
  retryAfterMs?: number;
  detail?: string;
  cause?: unknown;
}

export class OpenAIPolicyError extends Error {
  override readonly name = 'OpenAIPolicyError';
  readonly kind: OpenAIPolicyErrorKind;
  /** HTTP status, or null when no response arrived. */
  readonly status: number | null;
  /** The server's error message (`error.message`, `message` or `detail` of its JSON, else its text). */
  readonly serverMessage: string | null;
  /** The endpoint, without credentials. */
  readonly url: string;
  readonly model: string;
  /** The wait the server asked for (`Retry-After`), when it did. */
  readonly retryAfterMs: number | undefined;

  constructor(init: OpenAIPolicyErrorInit) {
    const what =
      init.kind === 'http'
        ? `HTTP ${init.status ?? '?'}${init.serverMessage ? `: ${init.serverMessage}` : ''}`
        : init.kind === 'timeout'
          ? `no answer within ${init.detail ?? 'the timeout'}`
          : init.kind === 'network'
            ? `network error: ${init.detail ?? 'request failed'}`
            : `invalid response: ${init.detail ?? 'not a chat completion'}`;
    const wait = init.retryAfterMs === undefined ? '' : ` (server asks to retry after ${Math.ceil(init.retryAfterMs / 1000)} s)`;
    super(`OpenAI-compatible server ${init.url} (model ${init.model}): ${what}${wait}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.serverMessage = init.serverMessage ?? null;
    this.url = init.url;
    this.model = init.model;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Worth another attempt: overload (429), server faults (5xx), lost connections, timeouts. */
  get retryable(): boolean {
    if (this.kind === 'network' || this.kind === 'timeout') return true;
    return this.kind === 'http' && this.status !== null && (this.status === 429 || this.status >= 500);
  }
}

/** Pull a human message out of an error body: OpenAI `{error:{message}}`, vLLM `{message}`, FastAPI `{detail}`. */
export function serverErrorMessage(body: string): string {
  const maxChars = 1000; // enough for any real message; an HTML error page is cut
  try {
    const json: unknown = JSON.parse(body);
    if (json && typeof json === 'object') {
      const o = json as Record<string, unknown>;
      const err = o['error'];
      if (typeof err === 'string') return err.slice(0, maxChars);
      if (err && typeof err === 'object' && typeof (err as Record<string, unknown>)['message'] === 'string') {
        return ((err as Record<string, unknown>)['message'] as string).slice(0, maxChars);
      }
      if (typeof o['message'] === 'string') return o['message'].slice(0, maxChars);
      if (o['detail'] !== undefined) return (typeof o['detail'] === 'string' ? o['detail'] : JSON.stringify(o['detail'])).slice(0, maxChars);
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.trim().slice(0, maxChars);
}

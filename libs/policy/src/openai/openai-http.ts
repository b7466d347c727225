/**
 * One POST to `/chat/completions` with a timeout, mapped to a parsed body or an OpenAIPolicyError.
 * Retries, concurrency and continuation fallback are the policy's business, not this file's.
 */
import { abortReason } from '../shared/abort';
import { parseRetryAfter } from '../shared/retry';
import { OpenAIPolicyError, serverErrorMessage } from './openai-error';
import { redactUrl } from './openai-config';

export interface PostTarget {
  endpoint: string;
  model: string;
  apiKey: string | undefined;
  timeoutMs: number;
}

export async function postChatCompletion(target: PostTarget, body: unknown, signal?: AbortSignal): Promise<unknown> {
  const url = redactUrl(target.endpoint);
  if (signal?.aborted) throw abortReason(signal);
  // One controller for both ends of a request: the caller's abort and our timeout. The timeout
  // covers reading the body too, since a server can stall mid-response.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, target.timeoutMs);
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (target.apiKey) headers['authorization'] = `Bearer ${target.apiKey}`;
  const hideKey = (s: string): string => (target.apiKey ? s.split(target.apiKey).join('***') : s);
  try {
    let status: number;
    let text: string;
    let response: Response;
    try {
      response = await fetch(target.endpoint, { method: 'POST', headers, body: JSON.stringify(body), signal: controller.signal });
      status = response.status;
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      if (timedOut) throw new OpenAIPolicyError({ kind: 'timeout', url, model: target.model, detail: `${target.timeoutMs} ms` });
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
      throw new OpenAIPolicyError({ kind: 'network', url, model: target.model, detail: hideKey(detail), cause: error });
    }
    if (status < 200 || status >= 300) {
      throw new OpenAIPolicyError({
        kind: 'http',
        url,
        model: target.model,
        status,
        serverMessage: hideKey(serverErrorMessage(text)) || null,
        retryAfterMs: parseRetryAfter(response.headers),
      });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new OpenAIPolicyError({ kind: 'invalid-response', url, model: target.model, status, detail: `body is not JSON: ${hideKey(text.slice(0, 200))}` });
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Client of the served reasoning API, streaming: `POST /v1/chat/completions` with `stream: true`
 * (same origin; a console session is accepted like an API key with `inference`). Reads the SSE
 * body chunk by chunk: search events (`prmbas.type` = depth-started …), then the solution's steps
 * as content deltas, then `finished` with the outcome, then `[DONE]`. A failure after the stream
 * opened arrives as `data: {"error": …}`.
 */
import { restErrorOf, RestError } from '@/lib/api-error';
import type { SearchEventView } from '@/search-tree/tree-model';

export interface ChatQuestion {
  deployment: string;
  text: string;
  /** Data URLs (the API takes data URLs only). */
  images: string[];
  seed?: number;
  /** Answer format hints (`prmbas` extension), e.g. from a dataset question. */
  format?: { answer_type?: string; choices?: string[]; precision?: number; unit?: string };
}

export interface FinishedOutcome {
  trace_id: string;
  answer: string | null;
  beam_widths: number[];
  cost: { policy_calls: number; generated_steps: number; prm_scored_steps: number; wall_ms: number };
  latency_ms: number;
  prm: { name: string; model_version_id: string | null } | null;
  strategy: Record<string, unknown>;
}

export interface StreamHandlers {
  onStarted(traceId: string): void;
  onEvent(event: SearchEventView): void;
  onContent(text: string): void;
  onFinished(outcome: FinishedOutcome, finishReason: string | null): void;
}

interface Chunk {
  choices?: Array<{ delta?: { content?: string }; finish_reason?: string | null }>;
  prmbas?: { type?: string; trace_id?: string } & Record<string, unknown>;
  error?: { message: string; type?: string; code?: string | null; param?: string | null };
}

const SEARCH_EVENTS = new Set(['depth-started', 'candidates-generated', 'candidates-scored', 'beams-selected']);

export async function streamChat(question: ChatQuestion, handlers: StreamHandlers, signal: AbortSignal): Promise<void> {
  const content = [{ type: 'text', text: question.text }, ...question.images.map((url) => ({ type: 'image_url', image_url: { url } }))];
  const response = await fetch('/v1/chat/completions', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({
      model: question.deployment,
      stream: true,
      messages: [{ role: 'user', content }],
      ...(question.seed !== undefined ? { seed: question.seed } : {}),
      ...(question.format ? { prmbas: question.format } : {}),
    }),
    signal,
  });
  if (!response.ok || !response.body) throw await restErrorOf(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n');
      if (!data) continue;
      if (data === '[DONE]') return;
      const chunk = JSON.parse(data) as Chunk;
      if (chunk.error) throw new RestError(chunk.error.message, 500, chunk.error.param ?? null, null);
      const ext = chunk.prmbas;
      if (ext?.type === 'started' && ext.trace_id) handlers.onStarted(ext.trace_id);
      else if (ext?.type && SEARCH_EVENTS.has(ext.type)) handlers.onEvent(ext as unknown as SearchEventView);
      const delta = chunk.choices?.[0]?.delta?.content;
      if (delta) handlers.onContent(delta);
      if (ext?.type === 'finished') handlers.onFinished(ext as unknown as FinishedOutcome, chunk.choices?.[0]?.finish_reason ?? null);
    }
  }
  throw new Error('The stream ended before [DONE] (connection cut).');
}

export function fileToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the image'));
    reader.readAsDataURL(blob);
  });
}

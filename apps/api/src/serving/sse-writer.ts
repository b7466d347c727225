/**
 * Server-sent events as the OpenAI streaming API frames them: `data: <json>\n\n` per chunk and
 * `data: [DONE]\n\n` at the end. An error after the stream started is sent as `data: {"error": ...}`
 * (the official SDKs raise it as an APIError) and the stream ends without [DONE].
 */
import type { Response } from 'express';

export class SseWriter {
  private ended = false;

  constructor(private readonly res: Response) {}

  /** Status 200 and the event-stream headers, sent now so the client sees the stream open. */
  open(headers: Record<string, string> = {}): void {
    this.res.status(200);
    this.res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    this.res.setHeader('cache-control', 'no-cache, no-transform');
    this.res.setHeader('connection', 'keep-alive');
    this.res.setHeader('x-accel-buffering', 'no'); // nginx: do not buffer the stream
    for (const [name, value] of Object.entries(headers)) this.res.setHeader(name, value);
    this.res.socket?.setNoDelay(true);
    this.res.flushHeaders();
  }

  get closed(): boolean {
    return this.ended || this.res.writableEnded || this.res.destroyed;
  }

  send(data: unknown): void {
    if (this.closed) return;
    this.res.write(`data: ${JSON.stringify(data)}\n\n`);
  }

  done(): void {
    if (this.closed) return;
    this.res.write('data: [DONE]\n\n');
    this.end();
  }

  fail(error: { message: string; type: string; code: string | null; param?: string | null }): void {
    this.send({ error: { param: null, ...error } });
    this.end();
  }

  private end(): void {
    this.ended = true;
    this.res.end();
  }
}

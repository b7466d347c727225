import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

export interface DrainResult {
  /** Requests still running when the deadline passed (their connections were closed). */
  abandoned: number;
}

/**
 * Graceful stop of the HTTP server: stop accepting connections, let in-flight requests finish
 * (responses say `Connection: close`, idle keep-alive sockets are closed), and after `timeoutMs`
 * close whatever is left. Mount `middleware` first so every request is counted.
 */
export class HttpDrain {
  private inFlight = 0;
  private draining = false;

  constructor(private readonly server: Server) {}

  get inFlightRequests(): number {
    return this.inFlight;
  }

  readonly middleware = (_req: Request, res: Response, next: NextFunction): void => {
    this.inFlight += 1;
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      this.inFlight -= 1;
      // A keep-alive socket that just went idle would otherwise hold the server open.
      if (this.draining) setImmediate(() => this.server.closeIdleConnections());
    };
    res.once('finish', done);
    res.once('close', done);
    if (this.draining) res.setHeader('Connection', 'close');
    next();
  };

  async drain(timeoutMs: number): Promise<DrainResult> {
    this.draining = true;
    if (!this.server.listening) return { abandoned: 0 };
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
      timer.unref();
    });
    const outcome = await Promise.race([closed.then(() => 'closed' as const), deadline]);
    clearTimeout(timer);
    if (outcome === 'closed') return { abandoned: 0 };
    const abandoned = this.inFlight;
    this.server.closeAllConnections();
    await closed;
    return { abandoned };
  }
}

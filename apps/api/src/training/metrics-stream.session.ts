/**
 * One client's server-sent event stream of a run's metrics: catch up from the client's cursor,
 * then follow the hub's broadcasts, each filtered by the cursor so nothing is sent twice; end
 * when the run finishes, close when the client leaves or the API shuts down.
 * Wire format: contracts' training-metrics.schemas (`metrics` events carry the cursor as their id).
 */
import { FINISHED_TRAINING_RUN_STATUSES, type TMetricsCursor, type TRunEndEvent, type TRunMetricsEvent, type TRunStatusEvent } from '@prmbas/contracts';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { encodeCursor, pointsAfter } from './metrics-cursor';
import { METRICS_BATCH, type FeedListener, type MetricsStreamHub } from './metrics-stream.hub';
import type { RunStatusRow, StoredMetricPoint, TrainingRepository } from './training.repository';

/** A comment line this often keeps proxies from closing an idle stream. */
export const KEEP_ALIVE_MS = 15_000;
/** What EventSource waits before reconnecting. */
const RETRY_MS = 2000;

type Queued = { kind: 'points'; points: readonly StoredMetricPoint[] } | { kind: 'status'; status: RunStatusRow } | { kind: 'end'; status: RunStatusRow } | { kind: 'close'; reason: string };

export class MetricsStreamSession {
  private cursor: TMetricsCursor;
  private readonly queue: Queued[] = [];
  private live = false;
  private closed = false;
  private unsubscribe: (() => void) | null = null;
  private keepAlive: NodeJS.Timeout | null = null;

  constructor(
    private readonly runId: string,
    cursor: TMetricsCursor,
    private readonly res: Response,
    private readonly repo: TrainingRepository,
    private readonly hub: MetricsStreamHub,
    private readonly log: Logger,
  ) {
    this.cursor = { ...cursor };
  }

  async start(): Promise<void> {
    this.res.status(200);
    this.res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    this.res.setHeader('Cache-Control', 'no-cache, no-transform');
    this.res.setHeader('X-Accel-Buffering', 'no');
    this.res.flushHeaders();
    this.res.write(`retry: ${RETRY_MS}\n\n`);
    this.res.on('close', () => this.finish());
    this.keepAlive = setInterval(() => this.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    this.keepAlive.unref();
    try {
      // Status before points (see the hub): a finished run needs no feed, its catch-up is complete.
      const status = await this.repo.runStatus(this.runId);
      if (!status) return this.finish();
      this.sendStatus(status);
      const finished = FINISHED_TRAINING_RUN_STATUSES.includes(status.status);
      if (!finished) {
        const listener: FeedListener = {
          points: (points) => this.enqueue({ kind: 'points', points }),
          status: (s) => this.enqueue({ kind: 'status', status: s }),
          end: (s) => this.enqueue({ kind: 'end', status: s }),
          close: (reason) => this.enqueue({ kind: 'close', reason }),
        };
        this.unsubscribe = await this.hub.subscribe(this.runId, listener);
        // The client may have left while the feed was getting ready.
        if (this.closed) return this.unsubscribe();
      }
      await this.catchUp();
      if (finished) return this.end(status);
      this.live = true;
      for (const item of this.queue.splice(0)) this.apply(item);
    } catch (error) {
      this.log.error({ err: error, runId: this.runId }, 'metrics stream failed');
      this.finish();
    }
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const points = await this.repo.metricPoints(this.runId, { after: this.cursor, limit: METRICS_BATCH });
      this.sendPoints(points.slice(0, METRICS_BATCH));
      if (points.length <= METRICS_BATCH) return;
    }
  }

  private enqueue(item: Queued): void {
    if (this.live) this.apply(item);
    else this.queue.push(item);
  }

  private apply(item: Queued): void {
    switch (item.kind) {
      case 'points':
        return this.sendPoints(pointsAfter(this.cursor, item.points));
      case 'status':
        return this.sendStatus(item.status);
      case 'end':
        return this.end(item.status);
      case 'close':
        this.write(`event: close\ndata: ${JSON.stringify({ reason: item.reason })}\n\n`);
        return this.finish();
    }
  }

  private sendPoints(points: readonly StoredMetricPoint[]): void {
    if (points.length === 0) return;
    for (const p of points) if ((this.cursor[p.name] ?? -1) < p.step) this.cursor[p.name] = p.step;
    const data: TRunMetricsEvent = { points: points.map((p) => ({ name: p.name, step: p.step, value: p.value, time: p.recordedAt.toISOString() })), cursor: this.cursor };
    this.write(`id: ${encodeCursor(this.cursor)}\nevent: metrics\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private sendStatus(s: RunStatusRow): void {
    const data: TRunStatusEvent = { status: s.status, progress: s.progress, step: s.step, totalSteps: s.totalSteps, error: s.error };
    this.write(`event: status\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private end(s: RunStatusRow): void {
    const data: TRunEndEvent = { status: s.status };
    this.write(`event: end\ndata: ${JSON.stringify(data)}\n\n`);
    this.finish();
  }

  private write(chunk: string): void {
    if (!this.closed && !this.res.writableEnded) this.res.write(chunk);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.keepAlive) clearInterval(this.keepAlive);
    this.unsubscribe?.();
    if (!this.res.writableEnded) this.res.end();
  }
}

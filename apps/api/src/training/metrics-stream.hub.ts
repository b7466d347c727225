/**
 * Live metric points for server-sent event streams, by polling Postgres: one poller ("feed") per
 * run being watched in this process, however many streams watch it, so the database sees one
 * cheap indexed query per watched run every POLL_MS rather than one per open browser tab.
 *
 * Why polling and not LISTEN/NOTIFY: workers write points with plain inserts from any machine;
 * NOTIFY would need a trigger (a migration) and a dedicated connection per API process, and the
 * console's curves do not need better than half a second. Polling also survives a lost database
 * connection without any resubscription logic.
 *
 * A feed keeps its own per-series cursor and broadcasts each poll's new points; every stream
 * filters them with its own cursor (see subscribe()). A feed reads the run's status before its
 * points: once the status is final every point is already committed (the worker writes them
 * before its outcome), so the poll after it delivers the last points and the feed ends.
 * While the API drains for shutdown, feeds close their streams (clients reconnect elsewhere with
 * Last-Event-ID), so open streams never hold a shutdown up for its whole timeout.
 */
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { FINISHED_TRAINING_RUN_STATUSES, type TMetricsCursor } from '@prmbas/contracts';
import type { Logger } from 'pino';
import { ReadinessRegistry } from '../health/readiness.registry';
import { ROOT_LOGGER } from '../logging/logging.module';
import { advanceCursor } from './metrics-cursor';
import { TrainingRepository, type RunStatusRow, type StoredMetricPoint } from './training.repository';

/** How often a watched run is polled. */
export const METRICS_POLL_MS = 500;
/** Points per query; a poll repeats until it has everything. */
export const METRICS_BATCH = 5000;

export interface FeedListener {
  points(points: readonly StoredMetricPoint[]): void;
  status(status: RunStatusRow): void;
  /** The run finished and its last points were broadcast. */
  end(status: RunStatusRow): void;
  /** The feed stopped without the run finishing (shutdown). */
  close(reason: string): void;
}

class RunFeed {
  readonly listeners = new Set<FeedListener>();
  /** Resolves once the feed's cursor is set: points committed after that reach listeners as broadcasts. */
  readonly ready: Promise<void>;
  private cursor: TMetricsCursor = {};
  private last: RunStatusRow | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    readonly runId: string,
    private readonly repo: TrainingRepository,
    private readonly isDraining: () => boolean,
    private readonly log: Logger,
    private readonly onStop: (feed: RunFeed) => void,
  ) {
    this.ready = this.init();
  }

  private async init(): Promise<void> {
    try {
      for (const p of await this.repo.latestMetricPoints([this.runId])) this.cursor[p.name] = p.step;
    } catch (error) {
      // Starting from nothing only re-sends points; every stream filters them by its own cursor.
      this.log.warn({ err: error, runId: this.runId }, 'metrics feed: reading the newest points failed');
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), METRICS_POLL_MS);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    if (this.isDraining()) return this.stop((l) => l.close('the API is shutting down; reconnect with Last-Event-ID'));
    try {
      const status = await this.repo.runStatus(this.runId);
      if (!status) return this.stop((l) => l.close('the run was deleted'));
      for (;;) {
        const points = await this.repo.metricPoints(this.runId, { after: this.cursor, limit: METRICS_BATCH });
        const batch = points.slice(0, METRICS_BATCH);
        if (batch.length > 0) {
          this.cursor = advanceCursor(this.cursor, batch);
          for (const l of this.listeners) l.points(batch);
        }
        if (points.length <= METRICS_BATCH) break;
      }
      if (!this.last || this.last.status !== status.status || this.last.progress !== status.progress || this.last.step !== status.step) {
        this.last = status;
        for (const l of this.listeners) l.status(status);
      }
      if (FINISHED_TRAINING_RUN_STATUSES.includes(status.status)) return this.stop((l) => l.end(status));
    } catch (error) {
      this.log.warn({ err: error, runId: this.runId }, 'metrics feed: poll failed; retrying');
    }
    this.schedule();
  }

  stop(tell?: (listener: FeedListener) => void): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.onStop(this);
    for (const l of this.listeners) tell?.(l);
    this.listeners.clear();
  }
}

@Injectable()
export class MetricsStreamHub implements OnModuleDestroy {
  private readonly feeds = new Map<string, RunFeed>();
  private readonly log: Logger;

  constructor(
    private readonly repo: TrainingRepository,
    private readonly readiness: ReadinessRegistry,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'metrics-stream' });
  }

  /** Runs being polled now (for tests and diagnostics). */
  get watchedRuns(): number {
    return this.feeds.size;
  }

  /**
   * Registers `listener` for the run's broadcasts and resolves when the feed is ready. A stream
   * then reads everything after its own cursor once (its catch-up) and applies broadcasts after
   * it, filtered by its cursor: a point committed before the feed was ready is in the catch-up,
   * one committed after is broadcast, and overlaps are filtered. Returns the unsubscribe function.
   */
  async subscribe(runId: string, listener: FeedListener): Promise<() => void> {
    let feed = this.feeds.get(runId);
    if (!feed) {
      feed = new RunFeed(runId, this.repo, () => this.readiness.isDraining, this.log, (stopped) => {
        if (this.feeds.get(runId) === stopped) this.feeds.delete(runId);
      });
      this.feeds.set(runId, feed);
    }
    const subscribed = feed;
    subscribed.listeners.add(listener);
    await subscribed.ready;
    return () => {
      subscribed.listeners.delete(listener);
      if (subscribed.listeners.size === 0) subscribed.stop();
    };
  }

  onModuleDestroy(): void {
    for (const feed of [...this.feeds.values()]) feed.stop((l) => l.close('the API is shutting down'));
  }
}

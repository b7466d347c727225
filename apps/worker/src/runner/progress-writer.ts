/**
 * Progress as it happens, without a database write per training step: the newest value is written
 * at most every `minIntervalMs`, one write at a time, fenced on the job's lease. A write that finds
 * the lease gone reports it (the job then stops).
 */
import { recordJobProgress, type JobLease, type PrismaClient, type RunProgress } from '@prmbas/db';
import type { Logger } from 'pino';

export class ProgressWriter {
  private latest: { progress: number; run?: RunProgress } | null = null;
  private writing: Promise<void> | null = null;
  private lastWrite = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly lease: JobLease,
    private readonly onLost: () => void,
    private readonly log: Logger,
    private readonly minIntervalMs = 250,
  ) {}

  update(progress: number, run?: RunProgress): void {
    this.latest = { progress, run };
    if (this.writing || this.timer) return;
    const wait = Math.max(0, this.lastWrite + this.minIntervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write();
    }, wait);
  }

  /** Writes what is pending now and waits for it. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.writing;
    await this.write();
  }

  private write(): Promise<void> {
    const next = this.latest;
    if (!next || this.writing) return this.writing ?? Promise.resolve();
    this.latest = null;
    this.writing = (async () => {
      try {
        const held = await recordJobProgress(this.prisma, this.lease, next.progress, next.run);
        if (!held) this.onLost();
      } catch (error) {
        // Progress is informational: a failed write is logged, the job goes on.
        this.log.warn({ err: error }, 'progress write failed');
      } finally {
        this.lastWrite = Date.now();
        this.writing = null;
      }
    })();
    return this.writing;
  }
}

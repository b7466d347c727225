/**
 * The API also hands back jobs of dead workers (every worker does too): with no worker alive, a
 * running job of a crashed worker still returns to `queued` and is visible as such.
 */
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { reapDeadWorkerJobs, type PrismaClient } from '@prmbas/db';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { PRISMA } from '../database/prisma.token';
import { ROOT_LOGGER } from '../logging/logging.module';
import { JOB_BOSS } from './job-boss.provider';

/** Often enough next to the default 30 s staleness of a worker; a query that finds nothing is cheap. */
export const REAP_INTERVAL_MS = 10_000;

@Injectable()
export class DeadWorkerReaper implements OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly log: Logger;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(JOB_BOSS) private readonly boss: PgBoss,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'jobs' });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.running ??= this.reapOnce().finally(() => (this.running = null));
    }, REAP_INTERVAL_MS);
    this.timer.unref();
  }

  async reapOnce(): Promise<void> {
    try {
      const reaped = await reapDeadWorkerJobs(this.prisma, this.boss);
      if (reaped.length > 0) this.log.warn({ jobs: reaped }, 'handed back jobs of dead workers');
    } catch (error) {
      this.log.error({ err: error }, 'reaping dead workers failed');
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}

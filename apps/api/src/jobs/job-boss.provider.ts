/**
 * pg-boss for the API: started on the platform database (its own `pgboss` schema, every platform
 * queue created) when the module starts, stopped before the database closes. The API only sends,
 * cancels and reads; workers fetch. It also runs pg-boss maintenance (the expiry backstop).
 */
import { Inject, Injectable, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { startJobBoss, type RunningDatabase } from '@prmbas/db';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { RUNNING_DATABASE } from '../database/prisma.token';
import { ReadinessRegistry } from '../health/readiness.registry';
import { ROOT_LOGGER } from '../logging/logging.module';

/** Injection token of the process's pg-boss: `@Inject(JOB_BOSS) boss: PgBoss`. */
export const JOB_BOSS = Symbol('JOB_BOSS');

export const jobBossProvider: Provider = {
  provide: JOB_BOSS,
  inject: [RUNNING_DATABASE, ROOT_LOGGER],
  useFactory: async (database: RunningDatabase, logger: Logger): Promise<PgBoss> => {
    const log = logger.child({ component: 'pg-boss' });
    return startJobBoss(database.url, { supervise: true, onError: (error) => log.error({ err: error }, 'pg-boss error') });
  },
};

@Injectable()
export class JobBossLifecycle implements OnModuleDestroy {
  constructor(@Inject(JOB_BOSS) private readonly boss: PgBoss, readiness: ReadinessRegistry) {
    readiness.register('job-queue', () => this.boss.getQueueSize('eval.run.any'));
  }

  /** onModuleDestroy runs before the database module closes its pool and server. */
  async onModuleDestroy(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true });
  }
}

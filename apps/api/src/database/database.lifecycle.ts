import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { PrismaClient, RunningDatabase } from '@prmbas/db';
import { ReadinessRegistry } from '../health/readiness.registry';
import { PRISMA, RUNNING_DATABASE } from './prisma.token';

/**
 * Registers the `database` readiness check and closes the pool and the embedded server. Closing
 * happens in onApplicationShutdown, the last hook, so modules that still use the database while
 * stopping (job queues, in-flight writes) can do so in onModuleDestroy / beforeApplicationShutdown.
 */
@Injectable()
export class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(RUNNING_DATABASE) private readonly database: RunningDatabase,
    readiness: ReadinessRegistry,
  ) {
    readiness.register('database', () => this.prisma.$queryRaw`SELECT 1`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
    await this.database.stop();
  }
}

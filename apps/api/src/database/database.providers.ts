import path from 'node:path';
import type { Provider } from '@nestjs/common';
import { createPrismaClient, startDatabase, type PrismaClient, type RunningDatabase } from '@prmbas/db';
import type { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';
import { PRISMA, RUNNING_DATABASE } from './prisma.token';

/**
 * DATABASE_URL from config when set, else embedded Postgres in DATA_DIR/postgres; migrated either
 * way. `databaseUrl` is passed explicitly (null = embedded) so process.env never overrides the
 * validated config.
 */
export const runningDatabaseProvider: Provider = {
  provide: RUNNING_DATABASE,
  inject: [AppConfig, ROOT_LOGGER],
  useFactory: async (config: AppConfig, logger: Logger): Promise<RunningDatabase> => {
    const log = logger.child({ component: 'database' });
    const db = await startDatabase({
      dataDir: path.join(config.dataDir, 'postgres'),
      databaseUrl: config.databaseUrl ?? null,
      log: (line) => log.debug(line),
    });
    log.info(
      { embedded: db.embedded, applied: db.migrations.applied.length, timings: db.timings },
      db.embedded ? 'embedded Postgres started' : 'database connected',
    );
    return db;
  },
};

export const prismaProvider: Provider = {
  provide: PRISMA,
  inject: [RUNNING_DATABASE],
  useFactory: (db: RunningDatabase): PrismaClient => createPrismaClient(db.url),
};

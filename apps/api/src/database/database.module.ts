import { Global, Module } from '@nestjs/common';
import { DatabaseLifecycle } from './database.lifecycle';
import { prismaProvider, runningDatabaseProvider } from './database.providers';
import { PRISMA, RUNNING_DATABASE } from './prisma.token';

/**
 * The Prisma client of the process (inject with `@Inject(PRISMA)`). Global because nearly every
 * domain module needs it; only `*.repository.ts` files should inject it.
 */
@Global()
@Module({
  providers: [runningDatabaseProvider, prismaProvider, DatabaseLifecycle],
  exports: [PRISMA, RUNNING_DATABASE],
})
export class DatabaseModule {}

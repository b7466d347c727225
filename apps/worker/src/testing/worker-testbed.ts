import { createPrismaClient, createTestDatabase, startJobBoss, type PrismaClient, type TestDatabase } from '@prmbas/db';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll } from 'vitest';
import type { WorkerProcess } from './worker-process';

export interface WorkerTestbed {
  db: TestDatabase;
  prisma: PrismaClient;
  boss: PgBoss;
}

/**
 * The hooks every worker integration spec needs: before the tests a fresh database, a Prisma client
 * and pg-boss (handed to `ready`, which may set up more); after them every worker process the spec
 * put in `workers` killed, then everything closed and the database dropped.
 */
export function useWorkerTestbed(workers: WorkerProcess[], ready: (bed: WorkerTestbed) => void | Promise<void>): void {
  let bed: Partial<WorkerTestbed> = {};
  beforeAll(async () => {
    const db = await createTestDatabase();
    bed = { db, prisma: createPrismaClient(db.url), boss: await startJobBoss(db.url, { supervise: false }) };
    await ready(bed as WorkerTestbed);
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await bed.boss?.stop({ graceful: false, wait: true });
    await bed.prisma?.$disconnect();
    await bed.db?.drop();
  });
}

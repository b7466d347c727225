import { afterAll, beforeAll } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../client';
import { createTestDatabase, type TestDatabase } from './create-test-database';

/**
 * The hooks of a spec that needs one fresh database: created and handed to `ready` (with a Prisma
 * client on it) before the tests, disconnected and dropped after them.
 */
export function useTestPrisma(ready: (t: { db: TestDatabase; prisma: PrismaClient }) => void): void {
  let db: TestDatabase | undefined;
  let prisma: PrismaClient | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url);
    ready({ db, prisma });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });
}

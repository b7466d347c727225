import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database';
import { schemaDrift } from './schema-drift';

describe('the migrated database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('matches schema.prisma exactly (the schema engine finds nothing to change)', async () => {
    expect(await schemaDrift(db.url)).toBeNull();
  });

  it('is seen as drifted once it differs', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query('ALTER TABLE "workers" ADD COLUMN "extra" TEXT');
      const drift = await schemaDrift(db.url);
      expect(drift).toMatch(/ALTER TABLE "workers" DROP COLUMN "extra"/);
    } finally {
      await client.query('ALTER TABLE "workers" DROP COLUMN IF EXISTS "extra"');
      await client.end();
    }
  });
});

/**
 * pg-boss 10 runs against our Postgres (its own `pgboss` schema beside ours): the worker issue
 * relies on this. Smoke test: start, send, fetch, complete, stop.
 */
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database';
import { schemaDrift } from '../migrations/schema-drift';

describe('pg-boss on the platform database', () => {
  let db: TestDatabase;
  let boss: PgBoss;
  beforeAll(async () => {
    db = await createTestDatabase();
    boss = new PgBoss({ connectionString: db.url, schedule: false, supervise: false, max: 2 });
    boss.on('error', (error) => console.error('pg-boss:', error));
    await boss.start();
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true });
    await db?.drop();
  });

  it('sends, fetches and completes a job', async () => {
    await boss.createQueue('smoke');
    const id = await boss.send('smoke', { datasetVersionId: 'v1' }, { retryLimit: 0 });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const [job] = await boss.fetch<{ datasetVersionId: string }>('smoke');
    expect(job).toMatchObject({ id, name: 'smoke', data: { datasetVersionId: 'v1' } });
    expect(await boss.fetch('smoke')).toEqual([]); // taken: nobody else gets it

    await boss.complete('smoke', id!, { ok: true });
    expect(await boss.getJobById('smoke', id!)).toMatchObject({ state: 'completed', output: { ok: true } });
  });

  it('keeps its tables out of our schema: the database still matches schema.prisma', async () => {
    expect(await schemaDrift(db.url)).toBeNull();
  });
});

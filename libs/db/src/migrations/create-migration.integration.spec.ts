import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir, schemaPath } from '../paths';
import { testServerUrl } from '../testing/create-test-database';
import { createMigration } from './create-migration';

describe('createMigration (offline migrate dev --create-only)', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'prmbas-create-migration-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('finds nothing to write: the committed migrations produce exactly schema.prisma', async () => {
    const dir = join(scratch, 'unchanged');
    await cp(migrationsDir(), dir, { recursive: true });
    const created = await createMigration({ name: 'noop', migrationsDir: dir, serverUrl: await testServerUrl() });
    expect(created).toEqual({ dir: null, sql: null });
    expect(await readdir(dir)).toEqual(await readdir(migrationsDir()));

    const admin = new pg.Client({ connectionString: await testServerUrl() });
    await admin.connect();
    const shadows = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
    await admin.end();
    expect(shadows.rows).toEqual([]); // the shadow database was dropped
  });

  it('writes a timestamped folder with the SQL for a schema change', async () => {
    const dir = join(scratch, 'changed');
    await cp(migrationsDir(), dir, { recursive: true });
    const schema = join(scratch, 'schema.prisma');
    const model = '\nmodel Note {\n  id   Int    @id @default(autoincrement())\n  body String\n\n  @@map("notes")\n}\n';
    await writeFile(schema, (await readFile(schemaPath(), 'utf8')) + model);
    const now = new Date('2030-01-02T03:04:05Z');
    const created = await createMigration({ name: 'Add notes!', schemaPath: schema, migrationsDir: dir, serverUrl: await testServerUrl(), now });
    expect(created.dir).toBe(join(dir, '20300102030405_add_notes'));
    const sql = await readFile(join(created.dir!, 'migration.sql'), 'utf8');
    expect(sql).toContain('CREATE TABLE "notes"');
    expect(sql).not.toMatch(/DROP|dataset_versions/); // only the change, not the whole schema
  });

  it('writes the lock file and the whole schema for a first migration', async () => {
    const dir = join(scratch, 'first');
    const created = await createMigration({ name: 'init', migrationsDir: dir, serverUrl: await testServerUrl() });
    expect(await readFile(join(dir, 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');
    expect(created.sql).toContain('CREATE TABLE "dataset_versions"');
  });
});

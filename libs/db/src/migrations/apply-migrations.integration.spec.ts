import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../paths';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database';
import { applyMigrations, PRISMA_MIGRATE_LOCK_KEY } from './apply-migrations';
import { MigrationApplyError, MigrationChecksumMismatchError, MigrationFailedStateError, MigrationLockTimeoutError } from './migration-errors';
import { migrationChecksum, readMigrations } from './migration-files';

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe('applyMigrations', () => {
  const databases: TestDatabase[] = [];
  let scratch: string;
  const emptyDatabase = async () => {
    const db = await createTestDatabase({ migrate: false });
    databases.push(db);
    return db;
  };
  /** A copy of the workspace's migrations that a test may edit. */
  const copyOfMigrations = async () => {
    const dir = await mkdtemp(join(scratch, 'migrations-'));
    await cp(migrationsDir(), dir, { recursive: true });
    return dir;
  };

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'prmbas-migrations-'));
  });
  afterEach(async () => {
    await Promise.all(databases.splice(0).map((db) => db.drop()));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('applies the migrations and records them as Prisma does', async () => {
    const db = await emptyDatabase();
    const migrations = await readMigrations(migrationsDir());
    const init = migrations[0];
    const result = await applyMigrations(db.url);
    // Every committed migration, in folder (timestamp) order.
    expect(result.applied).toEqual(migrations.map((m) => m.name));
    expect(result.alreadyApplied).toEqual([]);

    const rows = await query(db.url, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');
    expect(rows).toHaveLength(migrations.length);
    const row = rows[0]!;
    expect(row['migration_name']).toBe(init!.name);
    expect(row['checksum']).toBe(migrationChecksum(await readFile(join(migrationsDir(), init!.name, 'migration.sql'), 'utf8')));
    expect(row['id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row['finished_at']).toBeInstanceOf(Date);
    expect(row['finished_at'].getTime()).toBeGreaterThanOrEqual(row['started_at'].getTime());
    expect(row['logs']).toBeNull();
    expect(row['rolled_back_at']).toBeNull();
    expect(row['applied_steps_count']).toBe(1);

    // The table itself is the schema engine's, column for column.
    const columns = await query(
      db.url,
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => [c['column_name'], c['data_type'], c['len'], c['is_nullable'], c['column_default']])).toEqual([
      ['id', 'character varying', 36, 'NO', null],
      ['checksum', 'character varying', 64, 'NO', null],
      ['finished_at', 'timestamp with time zone', null, 'YES', null],
      ['migration_name', 'character varying', 255, 'NO', null],
      ['logs', 'text', null, 'YES', null],
      ['rolled_back_at', 'timestamp with time zone', null, 'YES', null],
      ['started_at', 'timestamp with time zone', null, 'NO', 'now()'],
      ['applied_steps_count', 'integer', null, 'NO', '0'],
    ]);
  });

  it('is idempotent: a second run applies nothing', async () => {
    const db = await emptyDatabase();
    await applyMigrations(db.url);
    const again = await applyMigrations(db.url);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toHaveLength((await readMigrations(migrationsDir())).length);
    expect(await query(db.url, 'SELECT 1 FROM _prisma_migrations')).toHaveLength(again.alreadyApplied.length);
  });

  it('applies only the new migration when one is added', async () => {
    const db = await emptyDatabase();
    const dir = await copyOfMigrations();
    await applyMigrations(db.url, { migrationsDir: dir });
    await mkdir(join(dir, '29990101000000_add_notes'));
    await writeFile(join(dir, '29990101000000_add_notes', 'migration.sql'), 'CREATE TABLE "notes" ("id" SERIAL PRIMARY KEY, "body" TEXT);\n');
    const result = await applyMigrations(db.url, { migrationsDir: dir });
    expect(result.applied).toEqual(['29990101000000_add_notes']);
    expect(await query(db.url, 'SELECT count(*)::int AS n FROM notes')).toEqual([{ n: 0 }]);
  });

  it('refuses when an applied migration was edited, but not for line endings alone', async () => {
    const db = await emptyDatabase();
    const dir = await copyOfMigrations();
    const [init] = await readMigrations(dir);
    await applyMigrations(db.url, { migrationsDir: dir });
    const file = join(dir, init!.name, 'migration.sql');

    await writeFile(file, init!.script.replaceAll('\n', '\r\n'));
    await expect(applyMigrations(db.url, { migrationsDir: dir })).resolves.toMatchObject({ applied: [] });

    await writeFile(file, `${init!.script}\n-- an innocent-looking edit\n`);
    const error = await applyMigrations(db.url, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationChecksumMismatchError);
    expect((error as Error).message).toContain(init!.name);
  });

  it('rolls a failing migration back entirely and records nothing for it', async () => {
    const db = await emptyDatabase();
    const dir = await copyOfMigrations();
    await mkdir(join(dir, '29990101000000_broken'));
    await writeFile(join(dir, '29990101000000_broken', 'migration.sql'), 'CREATE TABLE "half" ("id" INT);\nSELECT 1 / 0;\n');
    const error = await applyMigrations(db.url, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationApplyError);
    expect((error as Error).message).toMatch(/29990101000000_broken.*division by zero/);
    expect(await query(db.url, "SELECT to_regclass('half') AS t")).toEqual([{ t: null }]);
    const names = (await query(db.url, 'SELECT migration_name FROM _prisma_migrations')).map((r) => r['migration_name']);
    expect(names).not.toContain('29990101000000_broken');
    // The committed migrations before it were applied and recorded, each in its own transaction.
    expect(names.sort()).toEqual((await readMigrations(migrationsDir())).map((m) => m.name).sort());
  });

  it('refuses to run over a failed migration another tool left behind', async () => {
    const db = await emptyDatabase();
    await applyMigrations(db.url);
    await query(
      db.url,
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES ('00000000-0000-4000-8000-000000000000', repeat('0', 64), '29990101000000_cli_failed', 'boom')",
    );
    await expect(applyMigrations(db.url)).rejects.toBeInstanceOf(MigrationFailedStateError);
  });

  it('lets concurrent runners through one at a time: the migrations are applied exactly once', async () => {
    const db = await emptyDatabase();
    const results = await Promise.all(Array.from({ length: 4 }, () => applyMigrations(db.url)));
    const appliedBy = results.filter((r) => r.applied.length > 0);
    expect(appliedBy).toHaveLength(1);
    expect(results.filter((r) => r.applied.length === 0 && r.alreadyApplied.length === appliedBy[0]!.applied.length)).toHaveLength(3);
    expect(await query(db.url, 'SELECT 1 FROM _prisma_migrations')).toHaveLength(appliedBy[0]!.applied.length);
  });

  it('gives up with a clear error when the lock stays taken', async () => {
    const db = await emptyDatabase();
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
      await expect(applyMigrations(db.url, { lockTimeoutMs: 200 })).rejects.toBeInstanceOf(MigrationLockTimeoutError);
    } finally {
      await holder.end();
    }
  });
});

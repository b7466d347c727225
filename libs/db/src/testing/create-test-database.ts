/**
 * Fresh, real, migrated databases for tests: `createTestDatabase()` returns a new database on a
 * test server, cloned from a template that the current migrations were applied to once, and
 * `drop()` removes it.
 *
 * The server: $PRMBAS_TEST_DATABASE_URL (a superuser URL: a CI service container, or the one
 * server a vitest globalSetup started for the whole run, see ./vitest-global-setup.ts), else one
 * throwaway embedded Postgres per test process, started on first use and removed at exit.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, createHash } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedServer, type EmbeddedServer } from '../embedded/embedded-server';
import { applyMigrations } from '../migrations/apply-migrations';
import { readMigrations } from '../migrations/migration-files';
import { migrationsDir as defaultMigrationsDir } from '../paths';

export const TEST_SERVER_ENV = 'PRMBAS_TEST_DATABASE_URL';

export interface TestDatabase {
  name: string;
  url: string;
  /** Drop the database (closing whatever is still connected). Idempotent. */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** Apply the migrations (from a template). Default true; false gives an empty database. */
  migrate?: boolean;
  migrationsDir?: string;
}

let embedded: Promise<EmbeddedServer> | undefined;
const templates = new Map<string, Promise<string>>();

/** A superuser URL for `database` on the test server. */
export async function testServerUrl(database = 'postgres'): Promise<string> {
  const external = process.env[TEST_SERVER_ENV];
  if (external) {
    const url = new URL(external);
    url.pathname = `/${database}`;
    return url.toString();
  }
  embedded ??= (async () =>
    startEmbeddedServer({ dataDir: await mkdtemp(join(tmpdir(), 'prmbas-test-pg-')), ephemeral: true, keepProcessAlive: false }))();
  return (await embedded).url(database);
}

export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const name = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = options.migrate === false ? null : await migratedTemplate(options.migrationsDir ?? defaultMigrationsDir());
  await adminQuery(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  let dropped: Promise<void> | undefined;
  return {
    name,
    url: await testServerUrl(name),
    drop: () => (dropped ??= adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

/**
 * The template for the current migrations, named by their checksums so that changed migrations get
 * a new one. Built once per server under an advisory lock (test processes may share a server) and
 * renamed into place only when complete.
 */
function migratedTemplate(migrationsDir: string): Promise<string> {
  const key = migrationsDir;
  let promise = templates.get(key);
  if (!promise) {
    promise = (async () => {
      const migrations = await readMigrations(migrationsDir);
      const digest = createHash('sha256').update(migrations.map((m) => `${m.name}:${m.checksum}`).join('\n')).digest('hex').slice(0, 16);
      const name = `prmbas_template_${digest}`;
      const client = new pg.Client({ connectionString: await testServerUrl() });
      await client.connect();
      try {
        await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (!rowCount) {
          const building = `${name}_building`;
          await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
          await client.query(`CREATE DATABASE "${building}"`);
          await applyMigrations(await testServerUrl(building), { migrationsDir });
          await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
        }
        return name;
      } finally {
        await client.end();
      }
    })();
    promise.catch(() => templates.delete(key));
    templates.set(key, promise);
  }
  return promise;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: await testServerUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

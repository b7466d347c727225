import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/create-test-database';
import { startDatabase, type RunningDatabase } from './start-database';

async function tables(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

async function waitForExit(pid: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`process ${pid} did not exit`);
}

describe('startDatabase', () => {
  let scratch: string;
  const running: RunningDatabase[] = [];
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'prmbas-start-db-'));
    await chmod(scratch, 0o755); // as root, the postgres user must be able to enter it
  });
  afterAll(async () => {
    for (const db of running.reverse()) await db.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('initialises a data folder on first use, reuses it, attaches to it while running, survives a crash', async () => {
    const dataDir = join(scratch, 'pg');

    // First use: initdb, start, create the database, migrate.
    const first = await startDatabase({ dataDir, databaseUrl: null });
    running.push(first);
    expect(first.embedded).toBe(true);
    expect(first.timings.initMs).not.toBeNull();
    expect(first.migrations.applied.length).toBeGreaterThan(0);
    expect(await tables(first.url)).toBeGreaterThan(20);
    console.info(`embedded Postgres: init ${first.timings.initMs} ms, start ${first.timings.startMs} ms, migrate ${first.timings.migrateMs} ms`);

    // While it runs, a second start on the same folder attaches; its stop leaves the server up.
    const second = await startDatabase({ dataDir, databaseUrl: null });
    expect(second.url).toBe(first.url);
    expect(second.migrations.applied).toEqual([]);
    await second.stop();
    expect(await tables(first.url)).toBeGreaterThan(20);

    // Clean shutdown, then reuse: no initdb, nothing to migrate, data kept.
    await first.stop();
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    const third = await startDatabase({ dataDir, databaseUrl: null });
    running.push(third);
    expect(third.timings.initMs).toBeNull();
    expect(third.migrations.applied).toEqual([]);
    console.info(`embedded Postgres (reused folder): start ${third.timings.startMs} ms, migrate ${third.timings.migrateMs} ms`);

    // A crash: the postmaster is killed, leaving a stale postmaster.pid behind. The next start copes.
    const pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    await waitForExit(pid);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(true);
    await third.stop();
    const fourth = await startDatabase({ dataDir, databaseUrl: null });
    running.push(fourth);
    expect(fourth.migrations.applied).toEqual([]);
    expect(await tables(fourth.url)).toBeGreaterThan(20);
    await fourth.stop();
  });

  it('two processes starting on a fresh folder together: one starts the server, the other attaches', async () => {
    const dataDir = join(scratch, 'shared');
    const [a, b] = await Promise.all([startDatabase({ dataDir, databaseUrl: null }), startDatabase({ dataDir, databaseUrl: null })]);
    running.push(a, b);
    expect(a.url).toBe(b.url);
    expect([a.timings.initMs === null, b.timings.initMs === null].sort()).toEqual([false, true]);
    expect([a, b].filter((db) => db.migrations.applied.length > 0)).toHaveLength(1); // migrated once
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('with a database URL, only migrates it', async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      const started = await startDatabase({ dataDir: join(scratch, 'unused'), databaseUrl: db.url });
      expect(started).toMatchObject({ url: db.url, embedded: false });
      expect(started.migrations.applied.length).toBeGreaterThan(0);
      expect(existsSync(join(scratch, 'unused'))).toBe(false);
      await started.stop();
      expect(await tables(db.url)).toBeGreaterThan(20);
    } finally {
      await db.drop();
    }
  });
});

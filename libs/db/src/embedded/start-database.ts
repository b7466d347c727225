/**
 * The database a process runs against: `DATABASE_URL` when set (migrated, then used as is), else
 * an embedded Postgres in a local data folder (a zero-setup dev and demo mode).
 */
import pg from 'pg';
import { applyMigrations, type ApplyMigrationsResult } from '../migrations/apply-migrations';
import { startEmbeddedServer } from './embedded-server';

export interface StartDatabaseOptions {
  /** The embedded cluster's folder, e.g. `.data/postgres` (ignored when DATABASE_URL is set). */
  dataDir: string;
  /** Embedded server port. Default: a free port. */
  port?: number;
  /** Database created on the embedded server. Default `prmbas`. */
  database?: string;
  /** Default: process.env.DATABASE_URL. Pass null to force the embedded server. */
  databaseUrl?: string | null;
  /** Default: the workspace's prisma/migrations. */
  migrationsDir?: string;
  log?: (line: string) => void;
}

export interface RunningDatabase {
  url: string;
  /** True when this call started (or attached to) an embedded server. */
  embedded: boolean;
  migrations: ApplyMigrationsResult;
  /** Milliseconds: initdb (null when the folder was already initialised or no embedded server), server start, migrations. */
  timings: { initMs: number | null; startMs: number; migrateMs: number };
  /** Stops the embedded server if this call started it; a no-op otherwise. Idempotent. */
  stop(): Promise<void>;
}

export async function startDatabase(options: StartDatabaseOptions): Promise<RunningDatabase> {
  const external = options.databaseUrl === undefined ? process.env['DATABASE_URL'] : options.databaseUrl;
  const migrate = (url: string) => applyMigrations(url, { migrationsDir: options.migrationsDir, log: options.log });
  if (external) {
    const migrations = await migrate(external);
    return { url: external, embedded: false, migrations, timings: { initMs: null, startMs: 0, migrateMs: migrations.durationMs }, stop: async () => {} };
  }

  const server = await startEmbeddedServer({ dataDir: options.dataDir, port: options.port, log: options.log });
  try {
    const database = options.database ?? 'prmbas';
    await createDatabaseIfMissing(server.url(), database);
    const url = server.url(database);
    const migrations = await migrate(url);
    return {
      url,
      embedded: true,
      migrations,
      timings: { ...server.timings, migrateMs: migrations.durationMs },
      stop: () => server.stop(),
    };
  } catch (error) {
    await server.stop().catch(() => {});
    throw error;
  }
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    } catch (error) {
      // Another process created it meanwhile (duplicate_database, or a catalog unique violation in the race).
      const code = (error as { code?: string }).code;
      if (code !== '42P04' && code !== '23505') throw error;
    }
  } finally {
    await client.end();
  }
}

/**
 * The offline equivalent of `prisma migrate deploy`, over plain `pg` (no engine binary): applies the
 * pending migration folders in name order and records them in `_prisma_migrations` exactly as the
 * schema engine does, so the real CLI later sees them as applied.
 *
 * Differences from the CLI, all deliberate:
 * - each migration runs in one transaction with its `_prisma_migrations` row: it is applied and
 *   recorded, or neither (the CLI leaves a failed row to resolve by hand);
 * - an applied migration whose file changed is an error (the CLI's deploy ignores it);
 * - it waits for the migration lock (up to `lockTimeoutMs`) instead of failing after 10 s.
 * It takes the same session advisory lock as the CLI (72707369), so two runners, or a runner and
 * `prisma migrate deploy`, never migrate one database at the same time.
 * A migration that cannot run inside a transaction (CREATE INDEX CONCURRENTLY) is not supported.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { migrationsDir as defaultMigrationsDir } from '../paths';
import {
  MigrationApplyError,
  MigrationChecksumMismatchError,
  MigrationFailedStateError,
  MigrationLockTimeoutError,
} from './migration-errors';
import { checksumMatches, readMigrations } from './migration-files';

/** The schema engine's advisory lock key for Migrate ("a unique number we chose to identify Migrate"). */
export const PRISMA_MIGRATE_LOCK_KEY = 72707369;

/** The table as the schema engine creates it (sql-schema-connector, postgres flavour). */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export interface ApplyMigrationsOptions {
  /** Default: the workspace's prisma/migrations. */
  migrationsDir?: string;
  /** How long to wait for another process's migration to finish. Default 5 minutes. */
  lockTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface ApplyMigrationsResult {
  /** Migrations applied by this call, in order. */
  applied: string[];
  /** Migrations found already applied. */
  alreadyApplied: string[];
  /** Applied in the database but absent from the folder (a newer deploy; ignored, as the CLI does). */
  unknownApplied: string[];
  durationMs: number;
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  logs: string | null;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export async function applyMigrations(databaseUrl: string, options: ApplyMigrationsOptions = {}): Promise<ApplyMigrationsResult> {
  const started = performance.now();
  const dir = options.migrationsDir ?? defaultMigrationsDir();
  const lockTimeoutMs = options.lockTimeoutMs ?? 300_000;
  const log = options.log ?? (() => {});
  const migrations = await readMigrations(dir);

  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'prmbas-migrate' });
  await client.connect();
  try {
    const schema = schemaOf(databaseUrl);
    if (schema) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${client.escapeIdentifier(schema)}`);
      await client.query(`SET search_path TO ${client.escapeIdentifier(schema)}`);
    }
    await acquireLock(client, lockTimeoutMs);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<MigrationRow>(
        'SELECT id, checksum, migration_name, logs, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at',
      );
      const failed = rows.filter((row) => row.finished_at === null && row.rolled_back_at === null);
      if (failed.length > 0) throw new MigrationFailedStateError(failed.map((row) => ({ name: row.migration_name, logs: row.logs })));

      const applied = new Map(rows.filter((row) => row.finished_at !== null && row.rolled_back_at === null).map((row) => [row.migration_name, row]));
      const mismatched = migrations
        .filter((m) => applied.has(m.name) && !checksumMatches(m.script, applied.get(m.name)!.checksum))
        .map((m) => ({ name: m.name, recorded: applied.get(m.name)!.checksum, current: m.checksum }));
      if (mismatched.length > 0) throw new MigrationChecksumMismatchError(mismatched);

      const local = new Set(migrations.map((m) => m.name));
      const result: ApplyMigrationsResult = {
        applied: [],
        alreadyApplied: migrations.filter((m) => applied.has(m.name)).map((m) => m.name),
        unknownApplied: [...applied.keys()].filter((name) => !local.has(name)),
        durationMs: 0,
      };
      for (const migration of migrations.filter((m) => !applied.has(m.name))) {
        const t0 = performance.now();
        const id = randomUUID();
        try {
          await client.query('BEGIN');
          await client.query(
            'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, clock_timestamp(), 0)',
            [id, migration.checksum, migration.name],
          );
          // No parameters: the simple query protocol, which runs a multi-statement script as is.
          await client.query(migration.script);
          await client.query(
            'UPDATE _prisma_migrations SET finished_at = clock_timestamp(), applied_steps_count = applied_steps_count + 1 WHERE id = $1',
            [id],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw new MigrationApplyError(migration.name, error);
        }
        result.applied.push(migration.name);
        log(`applied migration ${migration.name} in ${Math.round(performance.now() - t0)} ms`);
      }
      result.durationMs = Math.round(performance.now() - started);
      return result;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

async function acquireLock(client: pg.Client, timeoutMs: number): Promise<void> {
  await client.query(`SET lock_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') throw new MigrationLockTimeoutError(timeoutMs);
    throw error;
  } finally {
    await client.query('RESET lock_timeout');
  }
}

/** Prisma's `?schema=` connection-string parameter (the schema to migrate), if given. */
export function schemaOf(databaseUrl: string): string | undefined {
  try {
    return new URL(databaseUrl).searchParams.get('schema') ?? undefined;
  } catch {
    return undefined;
  }
}

/** What can stop `applyMigrations`; each message names the migration(s) and what to do. */

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An applied migration's file changed since it was applied (Prisma would call the history diverged). */
export class MigrationChecksumMismatchError extends MigrationError {
  constructor(readonly migrations: readonly { name: string; recorded: string; current: string }[]) {
    super(
      `applied migration${migrations.length > 1 ? 's were' : ' was'} edited after being applied: ` +
        migrations.map((m) => `${m.name} (recorded sha256 ${m.recorded.slice(0, 12)}…, file now ${m.current.slice(0, 12)}…)`).join(', ') +
        '. Restore the original migration.sql and put the change in a new migration.',
    );
  }
}

/** `_prisma_migrations` holds a failed, unresolved migration (started, neither finished nor rolled back). */
export class MigrationFailedStateError extends MigrationError {
  constructor(readonly migrations: readonly { name: string; logs: string | null }[]) {
    super(
      `the database has failed migration${migrations.length > 1 ? 's' : ''} ${migrations.map((m) => m.name).join(', ')}` +
        ' (left by another tool; this runner rolls failures back). Repair the database, then run' +
        ' `prisma migrate resolve --rolled-back <name>` or `--applied <name>`.',
    );
  }
}

/** A migration's SQL failed; its transaction was rolled back and nothing was recorded. */
export class MigrationApplyError extends MigrationError {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`migration ${migration} failed and was rolled back: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Another process held the migration lock for longer than the timeout. */
export class MigrationLockTimeoutError extends MigrationError {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms waiting for the migration advisory lock (another process is migrating this database)`);
  }
}

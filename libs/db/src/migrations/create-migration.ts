/**
 * The offline `prisma migrate dev --create-only`: writes a new migration folder holding the SQL that
 * takes the database the existing migrations produce to the one schema.prisma describes. The wasm
 * schema engine replays the migrations into a shadow database (on a throwaway embedded Postgres,
 * or on `--server <url>` / $PRMBAS_SHADOW_SERVER_URL, which needs CREATEDB) and diffs.
 *
 *   npm run db:migration:create -- <name> [--empty] [--server <url>]
 *
 * Edit the SQL before applying it if the schema needs what Prisma cannot express (see
 * prisma/README.md). Prints the folder it wrote, or says nothing changed.
 */
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedServer } from '../embedded/embedded-server';
import { migrationsDir as defaultMigrationsDir, schemaPath as defaultSchemaPath } from '../paths';
import { migrationsTarget, schemaTarget, withSchemaEngine } from '../schema-engine/schema-engine';
import { MIGRATION_FILE, MIGRATION_LOCK_CONTENT, MIGRATION_LOCK_FILE, migrationFolderName, readMigrationLock } from './migration-files';

export interface CreateMigrationOptions {
  name: string;
  schemaPath?: string;
  migrationsDir?: string;
  /** A Postgres server (superuser or CREATEDB) for the shadow database. Default: a throwaway embedded one. */
  serverUrl?: string;
  /** Write the folder even when nothing changed (for a hand-written migration). */
  empty?: boolean;
  now?: Date;
}

export interface CreatedMigration {
  /** The folder written, or null when schema.prisma and the migrations already agree. */
  dir: string | null;
  sql: string | null;
}

export async function createMigration(options: CreateMigrationOptions): Promise<CreatedMigration> {
  const schemaPath = options.schemaPath ?? defaultSchemaPath();
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const schema = { path: schemaPath, content: await readFile(schemaPath, 'utf8') };

  const server = options.serverUrl ? null : await startEmbeddedServer({ dataDir: await mkdtemp(join(tmpdir(), 'prmbas-shadow-')), ephemeral: true });
  let sql: string | null;
  try {
    const serverUrl = options.serverUrl ?? server!.url();
    sql = await withSchemaEngine(serverUrl, schema, async (engine) => engine.diff(await migrationsTarget(migrationsDir), schemaTarget(schema)));
  } finally {
    await server?.stop();
  }
  if (sql === null && !options.empty) return { dir: null, sql: null };

  await mkdir(migrationsDir, { recursive: true });
  if ((await readMigrationLock(migrationsDir)) === null) await writeFile(join(migrationsDir, MIGRATION_LOCK_FILE), MIGRATION_LOCK_CONTENT);
  const dir = join(migrationsDir, migrationFolderName(options.name, options.now));
  await mkdir(dir);
  const body = sql ?? '-- This is an empty migration.\n';
  await writeFile(join(dir, MIGRATION_FILE), body);
  return { dir, sql: body };
}

async function main(argv: string[]): Promise<void> {
  const args = [...argv];
  const flag = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return false;
    args.splice(i, 1);
    return true;
  };
  const option = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    if (!value) throw new Error(`${name} needs a value`);
    return value;
  };
  const empty = flag('--empty');
  const serverUrl = option('--server') ?? process.env['PRMBAS_SHADOW_SERVER_URL'];
  const [name, ...rest] = args;
  if (!name || rest.length > 0 || name.startsWith('-')) {
    throw new Error('usage: create-migration <name> [--empty] [--server <postgres url>]');
  }
  const created = await createMigration({ name, empty, serverUrl });
  console.log(created.dir ? `wrote ${created.dir}/${MIGRATION_FILE}` : 'schema.prisma and the migrations agree: no migration written (use --empty for a hand-written one)');
}

if (typeof require !== 'undefined' && require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

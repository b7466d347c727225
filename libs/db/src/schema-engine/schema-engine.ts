/**
 * Prisma's schema engine as WebAssembly (`@prisma/schema-engine-wasm`), driven through
 * `@prisma/adapter-pg`: the part of `prisma migrate` that diffs schemas, without the native engine
 * binary the CLI would download. Used to write migrations offline and to check a live database
 * against schema.prisma.
 *
 * The package's entry imports the .wasm file as an ES module, which Node does not do; we load the
 * JS glue and instantiate the .wasm ourselves (as the Prisma CLI does for its own wasm modules).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DiffParams, DiffTarget, MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm';
import { MIGRATION_FILE, MIGRATION_LOCK_CONTENT, MIGRATION_LOCK_FILE, readMigrationLock, readMigrations } from '../migrations/migration-files';
import { createMigrationAdapter } from './migration-adapter';

interface EngineModule {
  SchemaEngine: typeof SchemaEngine;
  version(): string;
}

interface EngineGlue extends EngineModule {
  __wbg_set_wasm(exports: object): void;
}

/** The slice of the WebAssembly API used here (not in this workspace's `lib`, which has no DOM). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, object>) => { exports: object };
}

let loading: Promise<EngineModule> | undefined;
let lastPanic: string | undefined;

/** Load and instantiate the wasm module once per process (a panic poisons it: the next call reloads). */
export function loadSchemaEngine(): Promise<EngineModule> {
  loading ??= (async () => {
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message: string) => {
        lastPanic = message;
      },
    };
    const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as EngineGlue;
    const req = createRequire(typeof __filename === 'string' ? __filename : join(process.cwd(), 'noop.js'));
    const wasmFile = join(dirname(req.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm');
    const wasm = (globalThis as unknown as { WebAssembly: Wasm }).WebAssembly;
    const instance = new wasm.Instance(new wasm.Module(readFileSync(wasmFile)), { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return glue;
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

export interface SchemaFile {
  path: string;
  content: string;
}

/** An engine bound to one database (the adapter's connection; shadow databases are created beside it). */
export interface SchemaEngineSession {
  engine: SchemaEngine;
  /** SQL turning `from` into `to`, or null when they already match. */
  diff(from: DiffTarget, to: DiffTarget): Promise<string | null>;
}

/**
 * Run `fn` with a schema engine connected to `databaseUrl`, then release every connection. The
 * database must exist; the engine may create and drop shadow databases on the same server.
 */
export async function withSchemaEngine<T>(databaseUrl: string, schema: SchemaFile, fn: (session: SchemaEngineSession) => Promise<T>): Promise<T> {
  const { SchemaEngine: Engine } = await loadSchemaEngine();
  const adapter = createMigrationAdapter(databaseUrl);
  let engine: SchemaEngine | undefined;
  try {
    engine = await Engine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, adapter.factory);
    const session: SchemaEngineSession = {
      engine,
      diff: async (from, to) => {
        const params: DiffParams = { from, to, script: true, exitCode: true, filters: NO_FILTER };
        const result = await engine!.diff(params);
        return result.exitCode === 2 ? (result.stdout ?? '') : null;
      },
    };
    return await fn(session);
  } catch (error) {
    if (lastPanic) {
      const panic = lastPanic;
      lastPanic = undefined;
      loading = undefined;
      throw new Error(`schema engine panicked: ${panic}`, { cause: error });
    }
    throw error;
  } finally {
    engine?.free();
    await adapter.close();
  }
}

/** The target "this Prisma schema", for `diff`. */
export function schemaTarget(schema: SchemaFile): DiffTarget {
  return { tag: 'schemaDatamodel', files: [schema] };
}

/** The target "the database the engine is connected to", for `diff`. */
export function databaseTarget(schema: SchemaFile): DiffTarget {
  return { tag: 'schemaDatasource', files: [schema], configDir: dirname(schema.path) };
}

/** The target "what these migrations produce" (applied to a shadow database), for `diff`. */
export async function migrationsTarget(migrationsDir: string): Promise<DiffTarget> {
  return { tag: 'migrations', ...(await migrationList(migrationsDir)) };
}

export async function migrationList(migrationsDir: string): Promise<MigrationList> {
  const migrations = await readMigrations(migrationsDir);
  return {
    baseDir: migrationsDir,
    lockfile: { path: MIGRATION_LOCK_FILE, content: (await readMigrationLock(migrationsDir)) ?? MIGRATION_LOCK_CONTENT },
    shadowDbInitScript: '',
    migrationDirectories: migrations.map((m) => ({
      path: m.name,
      migrationFile: { path: MIGRATION_FILE, content: { tag: 'ok' as const, value: m.script } },
    })),
  };
}

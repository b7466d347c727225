/**
 * The driver adapter the wasm schema engine migrates through: `@prisma/adapter-pg`, with three
 * fixes without which schema work on Postgres fails (measured with adapter-pg 7.10.1 and
 * schema-engine-wasm 8.1.0):
 *
 * 1. Columns of Postgres' internal `"char"` type (pg_constraint.contype, which the schema describer
 *    reads) make adapter-pg throw UnsupportedNativeDataType. We let pg report them as text and
 *    then tell the engine they are `Character`, the type its describer expects.
 * 2. adapter-pg's `executeScript` splits scripts on every `;`, which breaks function bodies and
 *    string literals. We send the whole script as one simple-protocol query instead.
 * 3. adapter-pg's `connectToShadowDb` builds the shadow pool as `{ ...config, database }`, but a
 *    connection string overrides `database`, so the "shadow" is the main database. We create the
 *    shadow database ourselves and drop it (WITH FORCE) when the engine is done with it.
 */
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  bindMigrationAwareSqlAdapterFactory,
  type ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';

const CHAR_OID = 18;
const TEXT_OID = 25;

/** `"char"` column positions of a pg result, keyed by its rows array (which adapter-pg passes on). */
const charColumns = new WeakMap<object, number[]>();

interface FieldLike {
  dataTypeID: number;
}
interface ResultLike {
  fields?: FieldLike[];
  rows?: unknown[];
}

function retypeCharColumns(result: unknown): unknown {
  for (const one of Array.isArray(result) ? result : [result]) {
    const { fields, rows } = (one ?? {}) as ResultLike;
    if (!fields || !rows) continue;
    const positions: number[] = [];
    fields.forEach((field, i) => {
      if (field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        positions.push(i);
      }
    });
    if (positions.length > 0) charColumns.set(rows, positions);
  }
  return result;
}

type Callback = (error: Error | null, result: unknown) => void;

/** A pg client whose results report `"char"` columns as text (remembering which they were). */
class CharAsTextClient extends pg.Client {
  override query(...args: unknown[]): never {
    const last = args.length - 1;
    const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
    if (typeof args[last] === 'function') {
      const callback = args[last] as Callback;
      args[last] = (error: Error | null, result: unknown) => callback(error, error ? result : retypeCharColumns(result));
      return query.apply(this, args) as never;
    }
    const result = query.apply(this, args);
    return (result instanceof Promise ? result.then(retypeCharColumns) : result) as never;
  }
}

function withCharColumns<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result: SqlResultSet = await queryRaw(query);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

async function connectAdapter(url: string, onDispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
  const pool = new pg.Pool({ connectionString: url, Client: CharAsTextClient, max: 4, application_name: 'prmbas-schema-engine' });
  const schema = new URL(url).searchParams.get('schema') ?? undefined;
  const adapter = withCharColumns(await new PrismaPg(pool, { schema, disposeExternalPool: true }).connect());
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => withCharColumns(await startTransaction(...args));
  const onError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      onError(error);
    }
  };
  let disposed = false;
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    if (disposed) return;
    disposed = true;
    await dispose();
    await onDispose?.();
  };
  return adapter;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'prmbas-schema-engine' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface MigrationAdapter {
  /** Bound (Result-wrapped) as the wasm engine expects. */
  factory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory;
  /** Dispose every connection the engine opened and drop leftover shadow databases. */
  close(): Promise<void>;
}

export function createMigrationAdapter(databaseUrl: string): MigrationAdapter {
  const open = new Set<SqlDriverAdapter>();
  const track = (adapter: SqlDriverAdapter) => {
    open.add(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      open.delete(adapter);
      await dispose();
    };
    return adapter;
  };
  const raw: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: async () => track(await connectAdapter(databaseUrl)),
    connectToShadowDb: async () => {
      const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll('-', '')}`;
      await adminQuery(databaseUrl, `CREATE DATABASE "${name}"`);
      const url = new URL(databaseUrl);
      url.pathname = `/${name}`;
      return track(await connectAdapter(url.toString(), () => adminQuery(databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)));
    },
  };
  return {
    factory: bindMigrationAwareSqlAdapterFactory(raw),
    close: async () => {
      await Promise.allSettled([...open].map((adapter) => adapter.dispose()));
    },
  };
}

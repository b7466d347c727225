/**
 * The Prisma client (server-only), over node-postgres through `@prisma/adapter-pg`: Prisma 7 has no
 * built-in engine, every client needs a driver adapter.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import type { PoolConfig } from 'pg';
import { PrismaClient, type Prisma } from './generated/prisma/client';

export type { PrismaClient };
/** A client or the transaction client an interactive `$transaction` hands out. */
export type Db = PrismaClient | Prisma.TransactionClient;

export interface CreatePrismaClientOptions {
  /** node-postgres pool settings (max connections, timeouts). The connection string wins over these. */
  pool?: Omit<PoolConfig, 'connectionString'>;
  log?: Prisma.LogLevel[];
}

/**
 * A client for `databaseUrl`. A `?schema=` parameter selects the Postgres schema, as with the CLI.
 * Call `$disconnect()` to end its pool.
 */
export function createPrismaClient(databaseUrl: string, options: CreatePrismaClientOptions = {}): PrismaClient {
  const schema = new URL(databaseUrl).searchParams.get('schema') ?? undefined;
  const adapter = new PrismaPg({ ...options.pool, connectionString: databaseUrl }, schema ? { schema } : undefined);
  return new PrismaClient({ adapter, log: options.log });
}

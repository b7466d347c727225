/**
 * pg-boss on the platform database: one place that says how it is configured, which queues exist,
 * and how pg-boss calls join a Prisma transaction.
 *
 * Timing of a job whose worker dies: pg-boss 10 has no per-job heartbeat, only an expiry measured
 * from the start (`expireInSeconds`, at most 24 h), checked by maintenance every couple of
 * minutes. That is far too slow to notice a dead worker on a long training run, and a short expiry
 * would kill healthy long runs. So expiry is only a backstop here (23 h); a dead worker is noticed
 * through its own heartbeat in the `workers` table (see dead-worker-reaper.ts), which fails its
 * active job in pg-boss so pg-boss re-offers it after `retryDelay`.
 */
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Prisma } from '../generated/prisma/client';
import { ALL_QUEUES } from './job-routing';

/** pg-boss keeps its tables in their own schema, beside ours (schemaDrift ignores it). */
export const JOB_BOSS_SCHEMA = 'pgboss';

export const JOB_QUEUE_DEFAULTS = {
  /** Attempts after the first: a worker death or an error uses one. 3 retries ride out a crash loop's first rounds without retrying forever. */
  retryLimit: 3,
  /** Seconds before a failed job is offered again (doubled per retry with backoff): long enough for a flapping dependency, short next to a training run. */
  retryDelay: 2,
  retryBackoff: true,
  /** Backstop only (see the file comment): pg-boss refuses 24 h or more. */
  expireInSeconds: 23 * 60 * 60,
  /** Finished jobs stay in pg-boss this long; our `jobs` table keeps the history for good. */
  retentionDays: 7,
} as const;

export interface CreateJobBossOptions {
  /** Run pg-boss maintenance (expiry backstop, archiving) in this process. Default true. */
  supervise?: boolean;
  /** Pool size of pg-boss' own connections. */
  max?: number;
  onError?: (error: Error) => void;
}

/** A started pg-boss with every platform queue created (idempotent across processes). */
export async function startJobBoss(databaseUrl: string, options: CreateJobBossOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: JOB_BOSS_SCHEMA,
    max: options.max ?? 4,
    supervise: options.supervise ?? true,
    schedule: false,
    migrate: true,
    application_name: 'prmbas-jobs',
  });
  // pg-boss emits errors of its background loops; without a listener they would crash the process.
  boss.on('error', options.onError ?? ((error) => process.stderr.write(`pg-boss: ${error.message}\n`)));
  await boss.start();
  await ensureJobQueues(boss, databaseUrl);
  return boss;
}

/** Key of the advisory lock that serialises queue creation across processes. */
const QUEUE_CREATION_LOCK = 'prmbas:pg-boss-queues';

/**
 * Creates the platform queues that do not exist yet. pg-boss' createQueue is idempotent, but two
 * processes creating queues at the same moment (API and worker starting together) deadlock on
 * the partitions it creates and attaches; so creation is serialised by a session advisory lock,
 * held on a connection of its own while pg-boss' pool does the work.
 */
export async function ensureJobQueues(boss: PgBoss, databaseUrl: string): Promise<void> {
  const missing = async () => {
    const existing = new Set((await boss.getQueues()).map((q) => q.name));
    return ALL_QUEUES.filter((name) => !existing.has(name));
  };
  if ((await missing()).length === 0) return;
  const lock = new pg.Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [QUEUE_CREATION_LOCK]);
    // Whoever held the lock before may have created them all.
    for (const name of await missing()) await createQueue(boss, name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [QUEUE_CREATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

function createQueue(boss: PgBoss, name: string): Promise<void> {
  return boss.createQueue(name, {
    name,
    policy: 'standard',
    retryLimit: JOB_QUEUE_DEFAULTS.retryLimit,
    retryDelay: JOB_QUEUE_DEFAULTS.retryDelay,
    retryBackoff: JOB_QUEUE_DEFAULTS.retryBackoff,
    expireInSeconds: JOB_QUEUE_DEFAULTS.expireInSeconds,
    retentionMinutes: JOB_QUEUE_DEFAULTS.retentionDays * 24 * 60,
  } as PgBoss.Queue);
}

/**
 * pg-boss' `db` option over a Prisma interactive transaction, so a pg-boss write (send, fail,
 * complete, cancel) commits or rolls back together with our `jobs` row. Only for pg-boss calls
 * that return plain columns: Prisma cannot read pg-boss' `interval` columns (getJobById, fetch
 * with metadata), which therefore go through pg-boss' own pool.
 */
export function bossDbOf(tx: Prisma.TransactionClient): { db: PgBoss.Db } {
  return {
    db: { executeSql: async (text: string, values: unknown[] = []) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) },
  };
}

/**
 * Database commands for the workspace (run with tsx; the root package.json has them as scripts):
 *
 *   db:migrate   apply pending migrations to $DATABASE_URL, or to the embedded dev database
 *   db:start     start the embedded dev database, print its URL, keep it running until Ctrl-C
 *   db:drift     exit 1 if the database ($DATABASE_URL or the dev one) differs from schema.prisma
 *
 * The embedded dev database lives in `.data/postgres` at the workspace root (or --data-dir).
 */
import { dirname, join, resolve } from 'node:path';
import { schemaDrift } from './migrations/schema-drift';
import { prismaDir } from './paths';
import { startDatabase } from './embedded/start-database';

function dataDirFrom(args: string[]): string {
  const i = args.indexOf('--data-dir');
  if (i >= 0 && args[i + 1]) return resolve(args[i + 1]!);
  return join(dirname(prismaDir()), '.data', 'postgres');
}

const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  const dataDir = dataDirFrom(args);
  switch (command) {
    case 'migrate': {
      const db = await startDatabase({ dataDir, log: (line) => line.startsWith('applied') && console.log(line) });
      console.log(
        `${redact(db.url)}: ${db.migrations.applied.length} applied, ${db.migrations.alreadyApplied.length} already applied` +
          (db.migrations.unknownApplied.length ? `, ${db.migrations.unknownApplied.length} applied but not in prisma/migrations` : ''),
      );
      await db.stop();
      return;
    }
    case 'start': {
      const db = await startDatabase({ dataDir, databaseUrl: null });
      console.log(`embedded Postgres in ${dataDir} (init ${db.timings.initMs ?? '—'} ms, start ${db.timings.startMs} ms, migrate ${db.timings.migrateMs} ms)`);
      console.log(`DATABASE_URL=${db.url}`);
      const stop = () => void db.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await new Promise(() => {});
      return;
    }
    case 'drift': {
      const db = await startDatabase({ dataDir });
      try {
        const drift = await schemaDrift(db.url);
        if (drift) {
          console.log(`${redact(db.url)} differs from schema.prisma; the SQL that would align it:\n${drift}`);
          process.exitCode = 1;
        } else {
          console.log(`${redact(db.url)} matches schema.prisma`);
        }
      } finally {
        await db.stop();
      }
      return;
    }
    default:
      throw new Error('usage: cli.ts migrate|start|drift [--data-dir <folder>]');
  }
}

if (typeof require !== 'undefined' && require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

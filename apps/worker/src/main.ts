// Entry point: node -r ./tools/swc-register.js apps/worker/src/main.ts (from the workspace root)
//
// One worker process: the platform database (DATABASE_URL, or the embedded Postgres in DATA_DIR
// shared with the API), the best TensorFlow.js backend this machine loads (its capabilities),
// the model kinds it can train, pg-boss, and the job loop (worker.ts). SIGTERM / SIGINT stop it
// gracefully: running jobs checkpoint and go back to the queue; a second signal exits at once.
import path from 'node:path';
import { createPrismaClient, startDatabase, startJobBoss, type RunningDatabase } from '@prmbas/db';
import { initBackend } from '@prmbas/prm';
import { loadWorkerConfig, WorkerConfigError } from './config/worker-config';
import { jobHandlers } from './handlers';
import { createWorkerLogger, scrubCredentials } from './logger';
import { registerBuiltinModels } from './models/builtin-models';
import { ModelRegistry } from './models/model-registry';
import { loadWorkerPlugins } from './models/worker-plugins';
import { Worker } from './worker';

async function main(): Promise<void> {
  let config;
  try {
    config = loadWorkerConfig(process.env);
  } catch (error) {
    if (error instanceof WorkerConfigError) {
      process.stderr.write(`prmbas worker: refusing to start.\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = createWorkerLogger(config.logLevel, config.id);
  const database: RunningDatabase = await startDatabase({
    dataDir: path.join(config.dataDir, 'postgres'),
    databaseUrl: config.databaseUrl ?? null,
    log: (line) => log.debug({ component: 'database' }, line),
  });
  const prisma = createPrismaClient(database.url, { pool: { max: config.concurrency + 4 } });
  const backend = await initBackend({ prefer: config.backendPreference, logger: { info: (message, data) => log.info({ component: 'tfjs', ...data }, message) } });
  const capabilities = { backend: backend.backend, gpu: config.gpu === 'off' ? false : backend.gpu };
  const models = registerBuiltinModels(new ModelRegistry());
  loadWorkerPlugins(config.plugins, models);
  const boss = await startJobBoss(database.url, { onError: (error) => log.error({ err: error, component: 'pg-boss' }, 'pg-boss error') });

  const worker = new Worker({
    id: config.id,
    prisma,
    boss,
    capabilities,
    kinds: config.kinds,
    handlers: jobHandlers({ models }),
    concurrency: config.concurrency,
    timings: config,
    log,
    extraCapabilities: { modelKinds: models.kinds(), tfBackend: backend.tfBackend, skippedBackends: backend.skipped },
    version: process.env['npm_package_version'],
  });
  await worker.start();

  let signals = 0;
  const stop = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    log.info({ signal }, 'shutting down');
    (async () => {
      await worker.stop(signal);
      await boss.stop({ graceful: false, wait: true });
      await prisma.$disconnect();
      await database.stop();
    })().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Started by `npm start` (apps/stack): stop with the launcher even when it was killed outright
  // (SIGKILL leaves this process reparented, holding its port, with nobody reading its output).
  const launcher = process.env['PRMBAS_LAUNCHER_PID'];
  const orphaned = launcher ? setInterval(() => String(process.ppid) !== launcher && (clearInterval(orphaned), stop('SIGTERM')), 1_000).unref() : undefined;
}

main().catch((error: unknown) => {
  process.stderr.write(`prmbas worker: failed to start: ${scrubCredentials(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
  process.exit(1);
});

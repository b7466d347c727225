// Entry point: node -r ./tools/swc-register.js apps/api/src/main.ts (nx run api:serve)
import { bootstrap, type RunningApi } from './bootstrap';
import { ConfigError } from './config/config-error';

async function main(): Promise<void> {
  let api: RunningApi;
  try {
    api = await bootstrap();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`prmbas api: refusing to start.\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  api.logger.info({ url: api.url, docs: `${api.url}/docs`, pid: process.pid }, 'API listening');

  let signals = 0;
  const stop = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      api.logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    api.logger.info({ signal }, 'shutting down');
    api.close().then(
      () => process.exit(0),
      (error: unknown) => {
        api.logger.error({ err: error }, 'shutdown failed');
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
  process.stderr.write(`prmbas api: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

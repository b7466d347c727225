/**
 * `npm start`: Postgres (embedded unless DATABASE_URL), the API, one worker and the console, then
 * the demo (demo-seed.ts). Each service is its own process, started the way its project's `serve`
 * target starts it, so what runs here is what runs in production. Stops everything on a signal or
 * when one service dies (a half-running platform is worse than a clear failure).
 */
import path from 'node:path';
import { startDatabase, type RunningDatabase } from '@prmbas/db';
import { createApiClient } from './api-client';
import { ensureConsoleBuild, hasConsole, nextBin } from './console-build';
import { seedDemo, type DemoResult } from './demo-seed';
import { launcherKey, type LauncherKey } from './launcher-key';
import { assertPortsFree } from './port-check';
import { postgresLocation } from './postgres-location';
import { startService, waitForHttp, type Service } from './service-process';
import type { StackConfig } from './stack-env';

export const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..', '..');
const SWC_REGISTER = path.join(WORKSPACE_ROOT, 'tools', 'swc-register.js');

/**
 * What is running so far, so a signal that arrives while the stack is still starting stops exactly
 * that (Ctrl-C during a first-start console build must not leave an API and a worker behind).
 */
export class StackLifecycle {
  readonly services: Service[] = [];
  private database: RunningDatabase | null = null;
  private stopped: Promise<void> | null = null;
  private reportDeath: (service: Service) => void = () => undefined;
  /** Resolves with the first service that exited on its own. */
  readonly died = new Promise<Service>((resolve) => (this.reportDeath = resolve));

  get stopping(): boolean {
    return this.stopped !== null;
  }

  setDatabase(database: RunningDatabase): void {
    this.database = database;
  }

  add(service: Service): Service {
    this.services.push(service);
    void service.exited.then(() => !this.stopping && this.reportDeath(service));
    return service;
  }

  /** Console first (nothing depends on it), the worker next (its jobs checkpoint), the API last, then Postgres. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      for (const service of [...this.services].reverse()) await service.stop();
      await this.database?.stop();
    })();
    return this.stopped;
  }
}

export interface RunningStack {
  apiUrl: string;
  consoleUrl: string | null;
  key: LauncherKey;
  database: RunningDatabase;
  /** Resolves when the demo is ready (or rejects with why it is not); null when STACK_DEMO=off. */
  demo: Promise<DemoResult> | null;
}

export async function startStack(config: StackConfig, print: (line: string) => void, lifecycle: StackLifecycle): Promise<RunningStack> {
  const logDir = path.join(config.dataDir, 'logs');
  await assertPortsFree([{ name: 'API_PORT', port: config.apiPort }, ...(config.console ? [{ name: 'CONSOLE_PORT', port: config.consolePort }] : [])]);
  const pg = config.databaseUrl ? null : await postgresLocation(config.dataDir);
  if (pg?.movedBecause) print(`postgres: ${pg.movedBecause}, so its cluster lives in ${pg.dir} (recorded in DATA_DIR/stack/postgres-location)`);
  const database = await startDatabase({ dataDir: pg?.dir ?? path.join(config.dataDir, 'postgres'), databaseUrl: config.databaseUrl ?? null });
  lifecycle.setDatabase(database);
  print(
    database.embedded
      ? `postgres: embedded in ${pg?.dir} (start ${database.timings.startMs} ms, ${database.migrations.applied.length} migrations applied)`
      : `postgres: DATABASE_URL (${database.migrations.applied.length} migrations applied)`,
  );
  const key = await launcherKey(config.dataDir, config.bootstrapApiKey);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    DATA_DIR: config.dataDir,
    API_PORT: String(config.apiPort),
    CONSOLE_PORT: String(config.consolePort),
    BOOTSTRAP_API_KEY: key.key,
    CHECKPOINT_DISABLE: '1',
    NEXT_TELEMETRY_DISABLED: '1',
    // The API and the worker stop by themselves if this launcher dies without stopping them.
    PRMBAS_LAUNCHER_PID: String(process.pid),
  };
  const launch = (name: string, args: string[], cwd = WORKSPACE_ROOT) => lifecycle.add(startService({ name, command: process.execPath, args, cwd, env, logDir, print }));

  const apiUrl = `http://127.0.0.1:${config.apiPort}`;
  const api = launch('api', ['-r', SWC_REGISTER, path.join(WORKSPACE_ROOT, 'apps/api/src/main.ts')]);
  launch('worker', ['-r', SWC_REGISTER, path.join(WORKSPACE_ROOT, 'apps/worker/src/main.ts')]);
  await waitForHttp(`${apiUrl}/readyz`, api, 120_000);
  print(`api: ${apiUrl} (docs ${apiUrl}/docs; logs in ${logDir})`);

  // The demo's jobs run on the worker while the console builds: neither waits for the other.
  const demo = config.demo.enabled ? seedDemo(createApiClient(apiUrl, key.key), { questions: config.demo.questions, trainSteps: config.demo.trainSteps, print }) : null;
  // Keep an early demo failure from becoming an unhandled rejection before the caller awaits it.
  demo?.catch(() => undefined);
  const consoleUrl = config.console ? await startConsole(config, env, apiUrl, logDir, lifecycle, print) : null;
  return { apiUrl, consoleUrl, key, database, demo };
}

/** Builds (when stale) and starts the console; a console that cannot build leaves the API running. */
async function startConsole(config: StackConfig, env: NodeJS.ProcessEnv, apiUrl: string, logDir: string, lifecycle: StackLifecycle, print: (line: string) => void): Promise<string | null> {
  if (!hasConsole(WORKSPACE_ROOT)) {
    print('console: not part of this checkout (apps/console has no Next config); skipping it');
    return null;
  }
  try {
    await ensureConsoleBuild(WORKSPACE_ROOT, env, print);
  } catch (error) {
    print(`console: not started: ${(error as Error).message}`);
    return null;
  }
  const service = lifecycle.add(
    startService({
      name: 'console',
      command: process.execPath,
      args: [nextBin(), 'start', '--port', String(config.consolePort)],
      cwd: path.join(WORKSPACE_ROOT, 'apps', 'console'),
      env: { ...env, API_URL: apiUrl, PORT: String(config.consolePort) },
      logDir,
      print,
    }),
  );
  const url = `http://localhost:${config.consolePort}`;
  await waitForHttp(url, service, 120_000);
  return url;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '@prmbas/db';
import { bootstrap, type BootstrapOptions, type RunningApi } from '../bootstrap';

export interface TestApi extends RunningApi {
  /** fetch relative to the server's URL. */
  request(pathname: string, init?: RequestInit): Promise<Response>;
  /** Parsed log lines written so far (when started with `captureLogs`). */
  logs(): Record<string, unknown>[];
}

export interface TestApiOptions {
  env?: Record<string, string>;
  imports?: BootstrapOptions['imports'];
  /** Keep log lines in memory (LOG_LEVEL defaults to info then) instead of dropping them. */
  captureLogs?: boolean;
}

/**
 * The real API on 127.0.0.1 and a free port, with a throwaway DATA_DIR and no inherited env. Unless
 * `env.DATABASE_URL` is given, it gets a fresh migrated database (createTestDatabase), dropped on close.
 */
export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (options.captureLogs) lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'prmbas-api-test-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    API_HOST: '127.0.0.1',
    API_PORT: '0',
    LOG_LEVEL: options.captureLogs ? 'info' : 'silent',
    DATA_DIR: dataDir,
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...options.env,
  };
  let database: TestDatabase | undefined;
  if (!env.DATABASE_URL) {
    database = await createTestDatabase();
    env.DATABASE_URL = database.url;
  }
  const cleanUp = async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  let api: RunningApi;
  try {
    api = await bootstrap({ env, logStream, imports: options.imports });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    ...api,
    close: async () => {
      await api.close();
      await cleanUp();
    },
    request: (pathname, init) => fetch(new URL(pathname, api.url), init),
    logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

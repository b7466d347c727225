import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
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

/** The real API on 127.0.0.1 and a free port, with a throwaway DATA_DIR and no inherited env. */
export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (options.captureLogs) lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  const env = {
    NODE_ENV: 'test',
    API_HOST: '127.0.0.1',
    API_PORT: '0',
    LOG_LEVEL: options.captureLogs ? 'info' : 'silent',
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'prmbas-api-test-')),
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...options.env,
  };
  const api = await bootstrap({ env, logStream, imports: options.imports });
  return {
    ...api,
    close: async () => {
      await api.close();
      rmSync(env.DATA_DIR, { recursive: true, force: true });
    },
    request: (pathname, init) => fetch(new URL(pathname, api.url), init),
    logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

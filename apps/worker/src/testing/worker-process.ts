/**
 * Real worker processes for tests: `node -r tools/swc-register.js apps/worker/src/main.ts` with
 * short heartbeat / stale / poll timings, against a test database, with the test-mlp model plugin.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKSPACE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const SWC_REGISTER = path.join(WORKSPACE_ROOT, 'tools/swc-register.js');
const WORKER_MAIN = path.join(WORKSPACE_ROOT, 'apps/worker/src/main.ts');
export const TEST_MLP_PLUGIN = path.join(WORKSPACE_ROOT, 'apps/worker/src/testing/test-mlp.plugin.ts');

/** Timings that make a death noticed in about two seconds. */
export const FAST_WORKER_ENV = {
  WORKER_HEARTBEAT_MS: '250',
  WORKER_STALE_AFTER_MS: '1500',
  WORKER_POLL_MS: '100',
  WORKER_REAP_MS: '400',
  WORKER_SHUTDOWN_TIMEOUT_MS: '5000',
  // wasm is the backend every machine here loads; it keeps the test runs comparable.
  WORKER_BACKEND: 'wasm',
};

export interface WorkerProcess {
  id: string;
  child: ChildProcess;
  /** Parsed JSON log lines so far. */
  logs(): Record<string, unknown>[];
  stderr(): string;
  /** Resolves with the first log line matching `match`, already written or still to come. */
  waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startWorkerProcess(options: { id: string; databaseUrl: string; env?: Record<string, string> }): WorkerProcess {
  const child = spawn(process.execPath, ['-r', SWC_REGISTER, WORKER_MAIN], {
    cwd: WORKSPACE_ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      DATABASE_URL: options.databaseUrl,
      WORKER_ID: options.id,
      WORKER_PLUGINS: TEST_MLP_PLUGIN,
      LOG_LEVEL: 'info',
      ...FAST_WORKER_ENV,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let partial = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    partial += chunk.toString('utf8');
    const complete = partial.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete) {
      if (!line.trim()) continue;
      try {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        lines.push({ msg: line });
      }
    }
    for (const wake of waiters) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  void exited.then(() => {
    for (const wake of waiters) wake();
  });
  let exitedNow = false;
  void exited.then(() => (exitedNow = true));
  return {
    id: options.id,
    child,
    logs: () => lines.slice(),
    stderr: () => stderr,
    exited,
    kill: (signal) => {
      if (!exitedNow) child.kill(signal);
    },
    waitForLog(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find(match);
          if (found) {
            done();
            resolve(found);
          } else if (exitedNow) {
            done();
            reject(new Error(`worker ${options.id} exited before the awaited log line; stderr: ${stderr}\nlogs: ${lines.map((l) => JSON.stringify(l)).join('\n')}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`worker ${options.id}: no matching log line within ${timeoutMs} ms; stderr: ${stderr}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Polls `probe` until it returns a value other than undefined/false. */
export async function waitFor<T>(probe: () => Promise<T | undefined | false | null>, what: string, timeoutMs = 30_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

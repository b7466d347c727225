/**
 * `npm start` for real: the launcher process with a fresh DATA_DIR (embedded Postgres), the API and
 * a worker as child processes, the demo made through the API (dataset build and PRM training jobs
 * on the worker, alias, deployment) and a served request through the official openai SDK. Tiny
 * demo sizes keep it to about a minute; the console is left out here (test/console e2e runs it).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WORKSPACE_ROOT } from './start-stack';

const dataDir = mkdtempSync(path.join(tmpdir(), 'prmbas-stack-'));
// Embedded Postgres runs as a 'postgres' system user when the tests run as root: it must reach the folder.
chmodSync(dataDir, 0o755);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

interface Launched {
  child: ChildProcess;
  output: () => string;
  /** Resolves once a line matches (rejects if the launcher exits first). */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
  exited: Promise<number | null>;
}

function launch(env: Record<string, string>): Launched {
  const child = spawn(process.execPath, ['-r', path.join(WORKSPACE_ROOT, 'tools/swc-register.js'), path.join(WORKSPACE_ROOT, 'apps/stack/src/main.ts')], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, STACK_CONSOLE: 'off', DEMO_QUESTIONS: '12', DEMO_TRAIN_STEPS: '20', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, timeoutMs = 180_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(text);
        if (match) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve(match[0]);
        }
      };
      const timer = setTimeout(() => (listeners.delete(check), reject(new Error(`timed out waiting for ${pattern}; output:\n${text}`))), timeoutMs);
      listeners.add(check);
      void exited.then((code) => (listeners.delete(check), clearTimeout(timer), reject(new Error(`launcher exited (${code}) before ${pattern}; output:\n${text}`))));
      check();
    });
  return { child, output: () => text, waitFor, exited };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pids of the API and worker the launcher started (its direct children). */
async function childPids(pid: number): Promise<number[]> {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  return out.split('\n').map((l) => Number(l.trim())).filter((n) => n > 0);
}

function commandOf(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return '(gone)';
  }
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start (apps/stack)', () => {
  it('brings up Postgres, API and worker, makes the demo, answers through the openai SDK, and stops every process', async () => {
    const apiPort = String(await freePort());
    const first = launch({ API_PORT: apiPort });
    try {
      await first.waitFor(/created the admin account[\s\S]*password: \S+/);
      await first.waitFor(/api key {2}in .*admin-api-key/);
      await first.waitFor(/demo ready: deployment 'prm-bas-demo'.*created dataset demo-synth, dataset version 1 \(12 questions\), training run demo-prm \(20 steps\), alias production, deployment prm-bas-demo/);
      const answer = await first.waitFor(/answer: {3}\S+ \(gold \S+: (correct|wrong)\)/);
      expect(answer).toBeTruthy();
      const trace = await first.waitFor(/trace: {4}[0-9a-f-]{36} \(stored/);
      const traceId = /[0-9a-f-]{36}/.exec(trace)![0];
      const key = readFileSync(path.join(dataDir, 'stack', 'admin-api-key'), 'utf8').trim();
      const stored = await fetch(`http://127.0.0.1:${apiPort}/traces/${traceId}`, { headers: { authorization: `Bearer ${key}` } });
      expect(stored.status).toBe(200);
      expect(((await stored.json()) as { id: string }).id).toBe(traceId);

      const children = await childPids(first.child.pid!);
      expect(children.length).toBeGreaterThanOrEqual(2);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      for (const pid of children) expect(alive(pid), `child ${pid} still running`).toBe(false);
    } finally {
      first.child.kill('SIGKILL');
    }

    // A restart finds everything in place: no second admin, dataset, run or deployment.
    const second = launch({ API_PORT: apiPort });
    try {
      const ready = await second.waitFor(/demo ready: deployment 'prm-bas-demo'[^\n]*/);
      expect(ready).not.toMatch(/created/);
      expect(second.output()).not.toMatch(/created the admin account/);
      await second.waitFor(/trace: {4}[0-9a-f-]{36}/);
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    } finally {
      second.child.kill('SIGKILL');
    }

    // A launcher killed outright (no chance to stop its children): the API and worker notice they
    // were orphaned and stop by themselves, freeing the port for the next start.
    const third = launch({ API_PORT: apiPort, STACK_DEMO: 'off' });
    let children: number[] = [];
    try {
      await third.waitFor(/api key {2}in/);
      children = (await childPids(third.child.pid!)).filter((pid) => /swc-register/.test(commandOf(pid)));
      expect(children).toHaveLength(2);
      third.child.kill('SIGKILL');
      await third.exited;
      const deadline = Date.now() + 20_000;
      while (children.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      for (const pid of children) expect(alive(pid), `orphaned ${commandOf(pid)} still running`).toBe(false);
    } finally {
      third.child.kill('SIGKILL');
      for (const pid of children.filter(alive)) process.kill(pid, 'SIGKILL');
      // Postgres was the killed launcher's own child: stop it here.
      spawnSync('pkill', ['-f', dataDir]);
    }
  }, 300_000);

  it('refuses a port that is taken, naming it, before starting anything', async () => {
    const taken = createServer();
    const port = await new Promise<number>((resolve) => taken.listen(0, '0.0.0.0', () => resolve((taken.address() as { port: number }).port)));
    try {
      const refused = launch({ API_PORT: String(port), STACK_DEMO: 'off' });
      expect(await refused.exited).toBe(1);
      expect(refused.output()).toMatch(new RegExp(`API_PORT ${port} is already in use`));
      expect(refused.output()).not.toMatch(/postgres: embedded/);
    } finally {
      taken.close();
    }
  });

  it('refuses a bad environment with a message naming the variable', async () => {
    const bad = launch({ API_PORT: 'eighty', DEMO_QUESTIONS: '2' });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toMatch(/API_PORT: must be a whole number between 1 and 65535/);
    expect(bad.output()).toMatch(/DEMO_QUESTIONS: must be a whole number between 4 and 5000/);
  });
});

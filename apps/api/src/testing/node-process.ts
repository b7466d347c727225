import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKSPACE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const SWC_REGISTER = path.join(WORKSPACE_ROOT, 'tools/swc-register.js');
export const API_MAIN = path.join(WORKSPACE_ROOT, 'apps/api/src/main.ts');

export interface Exited {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface NodeProcess {
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  /** Resolves when stdout has a line matching `pattern`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<Exited>;
}

/** `node -r tools/swc-register.js <script>` with exactly `env` (plus PATH), from the workspace root. */
export function runTs(script: string, env: Record<string, string> = {}): NodeProcess {
  const child = spawn(process.execPath, ['-r', SWC_REGISTER, script], {
    cwd: WORKSPACE_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<Exited>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return {
    child,
    output: () => ({ stdout, stderr }),
    exited,
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
        const check = () => {
          const line = stdout.split('\n').find((l) => pattern.test(l));
          if (line === undefined) return;
          clearTimeout(timer);
          child.stdout?.off('data', check);
          resolve(line);
        };
        child.stdout?.on('data', check);
        void exited.then(() => reject(new Error(`exited before ${pattern}; stderr: ${stderr}`)));
        check();
      });
    },
  };
}

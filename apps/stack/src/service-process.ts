/**
 * One service of the stack (api, worker, console) as a child process. Its JSON log lines go to
 * DATA_DIR/logs/<name>.log (pino output is for machines); any other line is meant for the person
 * at the terminal (the API prints a generated admin password that way) and is echoed with the
 * service's name. A service that exits on its own takes the stack down (`onExit`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface ServiceOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logDir: string;
  /** Echo every line to the terminal, not only the non-JSON ones. */
  echoAll?: boolean;
  print: (line: string) => void;
}

export interface Service {
  name: string;
  logFile: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL after `graceMs` if it is still running. */
  stop(graceMs?: number): Promise<void>;
}

/** Lines for the log file only: pino JSON and Node's runtime warnings (deprecations of dependencies). */
function forMachines(line: string): boolean {
  return line.startsWith('{') || /^\(node:\d+\) |^\(Use `node --trace/.test(line) || line.trim() === '';
}

export function startService(options: ServiceOptions): Service {
  mkdirSync(options.logDir, { recursive: true });
  const logFile = path.join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const route = (stream: NodeJS.ReadableStream) => {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      log.write(`${line}\n`);
      if (options.echoAll || !forMachines(line)) options.print(`[${options.name}] ${line}`);
    });
  };
  route(child.stdout!);
  route(child.stderr!);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      log.end();
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      options.print(`[${options.name}] could not start: ${error.message}`);
      log.end();
      resolve({ code: 127, signal: null });
    });
  });
  let done = false;
  void exited.then(() => (done = true));
  return {
    name: options.name,
    logFile,
    child,
    exited,
    async stop(graceMs = 15_000) {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => !done && child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 2xx, the service exits, or `timeoutMs` passes. */
export async function waitForHttp(url: string, service: Service, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void service.exited.then(() => (exited = true));
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${service.name} exited before it was ready; see ${service.logFile}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${service.name} was not ready at ${url} after ${Math.round(timeoutMs / 1000)} s (${last}); see ${service.logFile}`);
}

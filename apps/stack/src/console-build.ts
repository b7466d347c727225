/**
 * The console's production build, made when missing or stale: `next build` takes a minute or two on
 * 2 cores, so it runs only when the console's sources (or the contracts it types against) changed
 * since the last build. The hash of those sources is stored beside the build.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';

// next-env.d.ts: every `next build` rewrites it, so it must not make the next start rebuild.
const SKIP = new Set(['node_modules', '.next', '.turbo', 'out', 'next-env.d.ts']);
const STAMP = 'prmbas-source-hash';

async function hashTree(hash: ReturnType<typeof createHash>, dir: string, root: string): Promise<void> {
  const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await hashTree(hash, full, root);
    else if (entry.isFile()) hash.update(path.relative(root, full)).update('\0').update(await fs.readFile(full)).update('\0');
  }
}

export async function consoleSourceHash(workspaceRoot: string): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of ['apps/console', 'libs/contracts/src']) await hashTree(hash, path.join(workspaceRoot, dir), workspaceRoot);
  return hash.digest('hex');
}

export function consoleDir(workspaceRoot: string): string {
  return path.join(workspaceRoot, 'apps', 'console');
}

/** Whether this checkout has a console app to run at all. */
export function hasConsole(workspaceRoot: string): boolean {
  const dir = consoleDir(workspaceRoot);
  return ['next.config.ts', 'next.config.mjs', 'next.config.js'].some((f) => existsSync(path.join(dir, f)));
}

export function nextBin(): string {
  return require.resolve('next/dist/bin/next');
}

/** Builds the console unless the build on disk matches its sources; returns whether it built. */
export async function ensureConsoleBuild(workspaceRoot: string, env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<boolean> {
  const dir = consoleDir(workspaceRoot);
  const stampFile = path.join(dir, '.next', STAMP);
  const wanted = await consoleSourceHash(workspaceRoot);
  const built = existsSync(path.join(dir, '.next', 'BUILD_ID')) ? await fs.readFile(stampFile, 'utf8').catch(() => '') : '';
  if (built === wanted) return false;
  print('building the console (next build; a minute or two the first time) ...');
  const started = Date.now();
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [nextBin(), 'build'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => output.push(chunk.toString());
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('exit', resolve);
    child.once('error', () => resolve(127));
  });
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output.join('').split('\n').slice(-40).join('\n')}`);
  await fs.writeFile(stampFile, wanted);
  print(`console built in ${Math.round((Date.now() - started) / 1000)} s`);
  return true;
}

/**
 * A cross-process mutex on a path, for the embedded server's first start (two processes starting
 * on the same data folder must not both run initdb or both start a server). `mkdir` is atomic; the
 * holder writes its pid inside so a lock left by a crashed process can be broken.
 */
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function withFolderLock<T>(lockDir: string, fn: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(await readFile(join(lockDir, 'pid'), 'utf8').catch(() => '')) || null;
    const age = Date.now() - ((await stat(lockDir).catch(() => null))?.mtimeMs ?? Date.now());
    if ((holder !== null && !alive(holder)) || (holder === null && age > 10_000)) {
      await rm(lockDir, { recursive: true, force: true }); // left by a crashed process
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${lockDir} (held by pid ${holder ?? 'unknown'}); remove it if no such process runs`);
    }
    await sleep(100);
  }
  try {
    await writeFile(join(lockDir, 'pid'), String(process.pid));
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryCheckpointStore, latestCheckpointStep, MemoryCheckpointStore, type CheckpointStore } from './checkpoint-store';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function directoryStore(keepLast?: number): Promise<DirectoryCheckpointStore> {
  const dir = await mkdtemp(path.join(tmpdir(), 'prm-ckpt-'));
  dirs.push(dir);
  return new DirectoryCheckpointStore(path.join(dir, 'run'), { keepLast });
}

describe.each([
  ['memory', async (keepLast?: number) => new MemoryCheckpointStore({ keepLast })],
  ['directory', directoryStore],
] as const)('%s checkpoint store', (_name, make: (keepLast?: number) => Promise<CheckpointStore>) => {
  it('saves, lists, loads and keeps only the newest N', async () => {
    const store = await make(2);
    expect(await store.list()).toEqual([]);
    expect(await latestCheckpointStep(store)).toBeNull();
    for (const step of [10, 20, 30]) await store.save(step, Uint8Array.from([step, 1, 2]));
    expect(await store.list()).toEqual([20, 30]);
    expect(await latestCheckpointStep(store)).toBe(30);
    expect(Array.from((await store.load(20))!)).toEqual([20, 1, 2]);
    expect(await store.load(10)).toBeNull();
    await expect(store.save(-1, new Uint8Array(1))).rejects.toThrow(/non-negative/);
  });
});

describe('DirectoryCheckpointStore', () => {
  it('leaves only finished checkpoint files (written through a temp file and rename)', async () => {
    const store = await directoryStore(0);
    await store.save(5, new Uint8Array(100));
    await store.save(1234567, new Uint8Array(3));
    expect((await readdir(store.dir)).sort()).toEqual(['ckpt-0000000005.prmckpt', 'ckpt-0001234567.prmckpt']);
    expect(await store.list()).toEqual([5, 1234567]);
  });
});

/**
 * Where checkpoints live. The trainer hands over encoded bytes (train/checkpoint.ts), so a store
 * is just keyed blobs: the platform can put them in Postgres; here are a directory store (node:fs)
 * and an in-memory one.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface CheckpointStore {
  save(step: number, bytes: Uint8Array): Promise<void>;
  load(step: number): Promise<Uint8Array | null>;
  /** Steps with a checkpoint, ascending. */
  list(): Promise<number[]>;
}

/** The newest checkpoint's step, or null. */
export async function latestCheckpointStep(store: CheckpointStore): Promise<number | null> {
  const steps = await store.list();
  return steps.length ? (steps[steps.length - 1] as number) : null;
}

export interface StoreOptions {
  /** Keep only the newest N checkpoints (older ones are deleted after a save); 0 = keep all. */
  keepLast?: number;
}

export const DEFAULT_KEEP_LAST = 3; // enough to step back past a bad checkpoint without filling the disk

export class MemoryCheckpointStore implements CheckpointStore {
  private readonly items = new Map<number, Uint8Array>();
  private readonly keepLast: number;

  constructor(options: StoreOptions = {}) {
    this.keepLast = options.keepLast ?? DEFAULT_KEEP_LAST;
  }

  async save(step: number, bytes: Uint8Array): Promise<void> {
    checkStep(step);
    this.items.set(step, Uint8Array.from(bytes));
    const steps = await this.list();
    if (this.keepLast > 0) for (const old of steps.slice(0, Math.max(0, steps.length - this.keepLast))) this.items.delete(old);
  }

  async load(step: number): Promise<Uint8Array | null> {
    const bytes = this.items.get(step);
    return bytes ? Uint8Array.from(bytes) : null;
  }

  async list(): Promise<number[]> {
    return [...this.items.keys()].sort((a, b) => a - b);
  }
}

const FILE = /^ckpt-(\d+)\.prmckpt$/;

/** One file per checkpoint, `ckpt-<step, 10 digits>.prmckpt`, written atomically (temp file + rename). */
export class DirectoryCheckpointStore implements CheckpointStore {
  private readonly keepLast: number;

  constructor(
    readonly dir: string,
    options: StoreOptions = {},
  ) {
    this.keepLast = options.keepLast ?? DEFAULT_KEEP_LAST;
  }

  private file(step: number): string {
    return path.join(this.dir, `ckpt-${String(step).padStart(10, '0')}.prmckpt`);
  }

  async save(step: number, bytes: Uint8Array): Promise<void> {
    checkStep(step);
    await fs.mkdir(this.dir, { recursive: true });
    const target = this.file(step);
    const temp = `${target}.${process.pid}.tmp`;
    await fs.writeFile(temp, bytes);
    // rename is atomic within a filesystem: a reader never sees half a checkpoint.
    await fs.rename(temp, target);
    if (this.keepLast > 0) {
      const steps = await this.list();
      await Promise.all(steps.slice(0, Math.max(0, steps.length - this.keepLast)).map((s) => fs.rm(this.file(s), { force: true })));
    }
  }

  async load(step: number): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await fs.readFile(this.file(step)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async list(): Promise<number[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .map((n) => FILE.exec(n))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  }
}

function checkStep(step: number): void {
  if (!Number.isInteger(step) || step < 0) throw new Error(`checkpoint step must be a non-negative integer, got ${step}`);
}

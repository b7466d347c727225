/**
 * A `DatasetStore` over one local JSONL file (our dataset format) plus a sidecar
 * `<file>.meta.json` holding the build's identity (its header: config, policy, suite digest) and,
 * once finished, the record count and digest.
 *
 * Durability: each record is one appended line, fsync'ed before `append` resolves. A process killed
 * mid-write (kill -9) can leave a torn last line (no trailing newline): `open` truncates it, so the
 * file holds only complete records, and the build resumes after them. Any other bad line is an
 * error (line and field named), never silently dropped.
 */
import { open as openFile, readFile, stat, truncate, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { stableStringify } from '@prmbas/tasks';
import type { SolutionRecord } from './dataset-record';
import { datasetDigest } from './dataset-digest';
import { parseDatasetJsonl, serialiseRecord, writeLinesAtomically } from './dataset-jsonl';
import type { DatasetStore } from './dataset-store';

/** Sidecar file next to the dataset: `<file>.meta.json`. */
export const SIDECAR_SUFFIX = '.meta.json';
/** Format tag of the sidecar (bump on an incompatible change). */
export const SIDECAR_FORMAT = 'prmbas-dataset/1';

export interface DatasetSidecar {
  format: typeof SIDECAR_FORMAT;
  /** What the records depend on; a resume must present the same header. */
  header: Record<string, unknown>;
  status: 'building' | 'complete';
  createdAt: string;
  /** Set by `finish`. */
  records?: number;
  digest?: string;
  /** The report of the run that finished the build. */
  report?: Record<string, unknown>;
}

/** Resuming with a different header: names the first differing field. */
export class DatasetHeaderMismatchError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly stored: unknown,
    readonly given: unknown,
  ) {
    super(`${file} was built with ${field} = ${JSON.stringify(stored) ?? 'unset'}, not ${JSON.stringify(given) ?? 'unset'}`);
    this.name = 'DatasetHeaderMismatchError';
  }
}

export interface JsonlStoreOptions {
  header: Record<string, unknown>;
  /** fsync after every record (default true; off only for throwaway data). */
  fsync?: boolean;
  now?: () => Date;
}

export class JsonlDatasetStore implements DatasetStore {
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
    private readonly sidecar: DatasetSidecar,
    private readonly done: Set<string>,
    /** What `open` found: complete records kept, bytes of a torn last line cut off. */
    readonly recovered: { records: number; truncatedBytes: number },
    private readonly fsync: boolean,
  ) {}

  static sidecarPath(file: string): string {
    return `${file}${SIDECAR_SUFFIX}`;
  }

  /** Open `file` for a build with `header`: a new dataset, or the resumption of one with the same header. */
  static async open(file: string, options: JsonlStoreOptions): Promise<JsonlDatasetStore> {
    const sidecarFile = JsonlDatasetStore.sidecarPath(file);
    const existing = await readSidecar(sidecarFile);
    const size = await fileSize(file);
    if (!existing && size > 0) {
      throw new Error(`${file} exists but has no ${basename(sidecarFile)}: it is not a dataset this builder started (use another output file, or remove it)`);
    }
    if (existing) assertSameHeader(file, existing.header, options.header);

    let truncatedBytes = 0;
    let records: SolutionRecord[] = [];
    if (size > 0) {
      const buffer = await readFile(file);
      const end = buffer.lastIndexOf(0x0a) + 1;
      if (end < buffer.length) {
        // A torn last line (killed mid-write): drop it; its solution is rebuilt.
        truncatedBytes = buffer.length - end;
        await truncate(file, end);
      }
      records = parseDatasetJsonl(buffer.subarray(0, end).toString('utf8'), basename(file));
    }
    const sidecar: DatasetSidecar = {
      format: SIDECAR_FORMAT,
      header: options.header,
      status: 'building',
      createdAt: existing?.createdAt ?? (options.now ?? (() => new Date()))().toISOString(),
    };
    // The sidecar first: a dataset file with records never lacks its header.
    await writeSidecar(sidecarFile, sidecar);
    const handle = await openFile(file, 'a');
    return new JsonlDatasetStore(file, handle, sidecar, new Set(records.map((r) => r.id)), { records: records.length, truncatedBytes }, options.fsync ?? true);
  }

  async doneIds(): Promise<ReadonlySet<string>> {
    return new Set(this.done);
  }

  append(record: SolutionRecord): Promise<void> {
    // Appends are serialised: lines never interleave, and each is durable before the next starts.
    const write = this.queue.then(async () => {
      if (this.closed) throw new Error(`dataset store ${this.file} is closed`);
      if (this.done.has(record.id)) throw new Error(`dataset store ${this.file}: record ${record.id} is already stored`);
      await this.handle.appendFile(`${serialiseRecord(record)}\n`);
      if (this.fsync) await this.handle.datasync();
      this.done.add(record.id);
    });
    this.queue = write.catch(() => undefined);
    return write;
  }

  async finish(info: Record<string, unknown>): Promise<void> {
    await this.queue;
    await this.handle.datasync();
    const records = parseDatasetJsonl(await readFile(this.file, 'utf8'), basename(this.file));
    await writeSidecar(JsonlDatasetStore.sidecarPath(this.file), {
      ...this.sidecar,
      status: 'complete',
      records: records.length,
      digest: datasetDigest(records),
      report: info,
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    await this.handle.close();
  }
}

/** The sidecar of `file`, or null when there is none. */
export async function readDatasetSidecar(file: string): Promise<DatasetSidecar | null> {
  return readSidecar(JsonlDatasetStore.sidecarPath(file));
}

async function readSidecar(path: string): Promise<DatasetSidecar | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not JSON (${(error as Error).message})`);
  }
  const s = parsed as Partial<DatasetSidecar>;
  if (s?.format !== SIDECAR_FORMAT || typeof s.header !== 'object' || s.header === null) {
    throw new Error(`${path}: not a ${SIDECAR_FORMAT} sidecar (field "format" or "header" missing)`);
  }
  return s as DatasetSidecar;
}

async function writeSidecar(path: string, sidecar: DatasetSidecar): Promise<void> {
  await writeLinesAtomically(path, [JSON.stringify(sidecar, null, 2)]);
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

function assertSameHeader(file: string, stored: Record<string, unknown>, given: Record<string, unknown>): void {
  const keys = [...new Set([...Object.keys(given), ...Object.keys(stored)])];
  for (const key of keys) {
    if (stableStringify(stored[key]) !== stableStringify(given[key])) throw new DatasetHeaderMismatchError(file, key, stored[key], given[key]);
  }
}

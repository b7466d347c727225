/**
 * Where a build puts its records. The builder appends each solution record once it is complete
 * and, on a restart, skips the ids the store already holds: that is what makes builds resumable.
 * Implementations: `JsonlDatasetStore` (a local file) and `MemoryDatasetStore` here; a Postgres
 * store lives with the server code.
 */
import type { SolutionRecord } from './dataset-record';

export interface DatasetStore {
  /** Ids of the records already stored (the resume point). */
  doneIds(): Promise<ReadonlySet<string>>;
  /** Store one complete record durably before resolving (a crash after this keeps it). */
  append(record: SolutionRecord): Promise<void>;
  /**
   * Every record is in: mark the dataset complete, keeping `info` (the build's report) as
   * provenance. Not called when a build fails or is aborted.
   */
  finish(info: Record<string, unknown>): Promise<void>;
  /** Release resources; safe to call more than once and after a failure. */
  close(): Promise<void>;
}

/** In-memory store (tests, and builds whose records are consumed directly). */
export class MemoryDatasetStore implements DatasetStore {
  readonly records: SolutionRecord[] = [];
  finished: Record<string, unknown> | null = null;

  constructor(initial: readonly SolutionRecord[] = []) {
    this.records.push(...initial);
  }

  async doneIds(): Promise<ReadonlySet<string>> {
    return new Set(this.records.map((r) => r.id));
  }

  async append(record: SolutionRecord): Promise<void> {
    // A copy, so later mutation by the caller cannot change what was "stored".
    this.records.push(structuredClone(record));
  }

  async finish(info: Record<string, unknown>): Promise<void> {
    this.finished = info;
  }

  async close(): Promise<void> {}
}

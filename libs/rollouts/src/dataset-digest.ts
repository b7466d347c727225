/**
 * A dataset's fingerprint for provenance: SHA-256 over the canonical text (sorted-key JSON) of
 * every record, in id order, so it does not depend on the order a concurrent or resumed build
 * wrote the lines in, nor on key order.
 */
import { createHash } from 'node:crypto';
import { stableStringify } from '@prmbas/tasks';
import type { SolutionRecord } from './dataset-record';

export function datasetDigest(records: readonly SolutionRecord[]): string {
  const hash = createHash('sha256');
  const sorted = records.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const record of sorted) {
    hash.update(stableStringify(record));
    hash.update('\n');
  }
  return hash.digest('hex');
}

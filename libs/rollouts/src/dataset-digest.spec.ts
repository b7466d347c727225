import { createHash } from 'node:crypto';
import { stableStringify } from '@prmbas/tasks';
import { describe, expect, it } from 'vitest';
import { datasetDigest } from './dataset-digest';
import { sampleRecords } from './testing/sample-records';

describe('datasetDigest', () => {
  it('is SHA-256 over the sorted-key records in id order', () => {
    const records = sampleRecords();
    const expected = createHash('sha256').update(records.map((r) => `${stableStringify(r)}\n`).join('')).digest('hex');
    expect(datasetDigest(records)).toBe(expected);
  });

  it('ignores line order and key order, and changes with any value', () => {
    const records = sampleRecords();
    const digest = datasetDigest(records);
    expect(datasetDigest(records.slice().reverse())).toBe(digest);
    const reordered = records.map((r) => Object.fromEntries(Object.entries(r).reverse())) as typeof records;
    expect(datasetDigest(reordered)).toBe(digest);
    const changed = sampleRecords();
    changed[1]!.steps[0]!.value = 0.25;
    expect(datasetDigest(changed)).not.toBe(digest);
  });
});

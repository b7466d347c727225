import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetDigest } from './dataset-digest';
import { serialiseRecord } from './dataset-jsonl';
import { DatasetHeaderMismatchError, JsonlDatasetStore, readDatasetSidecar } from './jsonl-dataset-store';
import { sampleRecords } from './testing/sample-records';

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'prmbas-store-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
const fresh = () => path.join(dir, `d${n++}`, 'data.jsonl');
const header = { rollouts: 4, policy: 'sim', seed: 1 };

describe('JsonlDatasetStore', () => {
  it('appends one line per record and lists them as done when reopened', async () => {
    const file = fresh();
    const [a, b] = sampleRecords() as [never, never];
    const store = await JsonlDatasetStore.open(file, { header });
    expect(await store.doneIds()).toEqual(new Set());
    await Promise.all([store.append(a), store.append(b)]);
    await expect(store.append(a)).rejects.toThrow(/already stored/);
    await store.close();
    expect(await readFile(file, 'utf8')).toBe(`${serialiseRecord(a)}\n${serialiseRecord(b)}\n`);
    const again = await JsonlDatasetStore.open(file, { header });
    expect(await again.doneIds()).toEqual(new Set(['q1#0', 'q2#0']));
    expect(again.recovered).toEqual({ records: 2, truncatedBytes: 0 });
    await again.close();
  });

  it('cuts a torn last line off and resumes after the complete records', async () => {
    const file = fresh();
    const [a, b] = sampleRecords() as [never, never];
    const store = await JsonlDatasetStore.open(file, { header });
    await store.append(a);
    await store.close();
    const whole = (await stat(file)).size;
    await appendFile(file, serialiseRecord(b).slice(0, 50));
    const resumed = await JsonlDatasetStore.open(file, { header });
    expect(resumed.recovered).toEqual({ records: 1, truncatedBytes: 50 });
    expect((await stat(file)).size).toBe(whole);
    await resumed.append(b);
    await resumed.close();
    expect(await readFile(file, 'utf8')).toBe(`${serialiseRecord(a)}\n${serialiseRecord(b)}\n`);
  });

  it('refuses a bad line that is not the last one, naming it', async () => {
    const file = fresh();
    const store = await JsonlDatasetStore.open(file, { header });
    await store.close();
    const [a] = sampleRecords().map(serialiseRecord) as [string];
    await writeFile(file, `${a}\n{"id": 3}\n`);
    await expect(JsonlDatasetStore.open(file, { header })).rejects.toThrow('data.jsonl:2: field "id" must be a string, got 3');
  });

  it('refuses to resume with another header, naming the field', async () => {
    const file = fresh();
    await (await JsonlDatasetStore.open(file, { header })).close();
    const error = await JsonlDatasetStore.open(file, { header: { ...header, rollouts: 8 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetHeaderMismatchError);
    expect(error).toMatchObject({ field: 'rollouts', stored: 4, given: 8 });
    expect((error as Error).message).toMatch(/built with rollouts = 4, not 8/);
    await expect(JsonlDatasetStore.open(file, { header: { ...header, temperature: 0.5 } })).rejects.toMatchObject({ field: 'temperature' });
  });

  it('refuses a non-empty file it did not start (no sidecar)', async () => {
    const file = fresh();
    await (await JsonlDatasetStore.open(file, { header })).close();
    await rm(JsonlDatasetStore.sidecarPath(file));
    await writeFile(file, 'precious data\n');
    await expect(JsonlDatasetStore.open(file, { header })).rejects.toThrow(/has no data\.jsonl\.meta\.json/);
  });

  it('marks the dataset complete on finish, with its record count and digest', async () => {
    const file = fresh();
    const store = await JsonlDatasetStore.open(file, { header, now: () => new Date('2025-01-02T03:04:05Z') });
    expect(await readDatasetSidecar(file)).toMatchObject({ status: 'building', header, createdAt: '2025-01-02T03:04:05.000Z' });
    for (const r of sampleRecords()) await store.append(r);
    await store.finish({ note: 'done' });
    await store.close();
    await store.close();
    expect(await readDatasetSidecar(file)).toMatchObject({ status: 'complete', records: 2, digest: datasetDigest(sampleRecords()), report: { note: 'done' } });
    // Reopening keeps the creation time.
    await (await JsonlDatasetStore.open(file, { header })).close();
    expect(await readDatasetSidecar(file)).toMatchObject({ status: 'building', createdAt: '2025-01-02T03:04:05.000Z' });
  });
});

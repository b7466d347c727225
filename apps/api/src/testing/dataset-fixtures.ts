/**
 * Datasets for the datasets and annotations tests: records built in-process (the synth suite, the
 * simulated policy, a tiny rollout budget) as our JSONL with relative image paths, the image parts
 * that go with it, and the multipart upload the import route takes.
 */
import { createHash } from 'node:crypto';
import type { TDataset, TDatasetVersion } from '@prmbas/contracts';
import { SimPolicy } from '@prmbas/policy';
import { buildDataset, datasetDigest, MemoryDatasetStore, serialiseRecord, type SolutionRecord } from '@prmbas/rollouts';
import { generateSuite, imagePathFor, isCorrect, type Question } from '@prmbas/tasks';
import { expect } from 'vitest';
import type { TestApi } from './test-api';
import { trpcMutation } from './trpc-http';

export interface BuiltRecords {
  questions: Question[];
  /** In id order, images as relative paths (`images/<id>.png`). */
  records: SolutionRecord[];
}

export async function buildRecords(options: { size?: number; seed?: number; solutions?: number } = {}): Promise<BuiltRecords> {
  const questions = generateSuite({ size: options.size ?? 3, seed: options.seed ?? 7 });
  const store = new MemoryDatasetStore();
  await buildDataset({
    questions,
    policy: new SimPolicy({ capability: 0.5 }),
    isCorrect: (answer, q) => isCorrect(answer, q.answer, q),
    store,
    config: { solutions: options.solutions ?? 2, rollouts: 3, siblings: 2, maxSteps: 6 },
  });
  return { questions, records: [...store.records].sort((a, b) => (a.id < b.id ? -1 : 1)) };
}

export function toJsonl(records: readonly unknown[]): string {
  return records.map((r) => (typeof r === 'string' ? r : serialiseRecord(r as SolutionRecord))).join('\n') + '\n';
}

/** The image parts of a build: one per question, named by the path its records use. */
export function imageParts(questions: readonly Question[]): { name: string; mime: string; data: Uint8Array }[] {
  return questions.map((q) => ({ name: imagePathFor(q, 0), mime: q.images[0]!.mime, data: q.images[0]!.data }));
}

/** What the version stored from these records should digest to: images become `blob:<sha256>` of their bytes. */
export function storedDigest(built: BuiltRecords): string {
  const shaByPath = new Map(imageParts(built.questions).map((p) => [p.name, createHash('sha256').update(p.data).digest('hex')]));
  return datasetDigest(built.records.map((r) => ({ ...r, image: r.image === null ? null : `blob:${shaByPath.get(r.image)}` })));
}

export interface UploadOptions {
  format?: 'prmbas' | 'trl';
  fileName?: string;
  fileType?: string;
  images?: { name: string; mime: string; data: Uint8Array }[];
  fields?: Record<string, string>;
}

/** POST /datasets/:id/versions/import as multipart/form-data. */
export function uploadJsonl(api: TestApi, datasetId: string, jsonl: string, cookie: string, options: UploadOptions = {}): Promise<Response> {
  const form = new FormData();
  if (options.format) form.append('format', options.format);
  for (const [key, value] of Object.entries(options.fields ?? {})) form.append(key, value);
  form.append('file', new Blob([jsonl], { type: options.fileType ?? 'application/x-ndjson' }), options.fileName ?? 'upload.jsonl');
  for (const image of options.images ?? []) form.append('images', new Blob([image.data], { type: image.mime }), image.name);
  return api.request(`/datasets/${datasetId}/versions/import`, { method: 'POST', headers: { cookie }, body: form });
}

export async function createDataset(api: TestApi, cookie: string, name = `ds-${Math.random().toString(36).slice(2, 8)}`): Promise<TDataset> {
  const created = await trpcMutation<TDataset>(api, 'datasets.create', { name }, { cookie });
  expect(created.error).toBeUndefined();
  return created.data!;
}

/** A dataset with one imported (ready) version of `built`. */
export async function importedVersion(api: TestApi, cookie: string, built: BuiltRecords): Promise<{ dataset: TDataset; version: TDatasetVersion }> {
  const dataset = await createDataset(api, cookie);
  const response = await uploadJsonl(api, dataset.id, toJsonl(built.records), cookie, { images: imageParts(built.questions) });
  expect(response.status).toBe(201);
  return { dataset, version: (await response.json()) as TDatasetVersion };
}

export interface ErrorBody {
  error: { message: string; param: string | null; code: string; issues?: { path: string; message: string }[] };
}

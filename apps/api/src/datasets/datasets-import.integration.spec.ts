/**
 * Importing a JSONL with images against the real server and Postgres: our format with image parts
 * (the stored version's digest is the records' digest with images as blob refs), TRL rows with
 * data-URL images, and refusals that name the line and field and leave nothing behind.
 */
import type { TDatasetVersion, TGetDatasetResponse } from '@prmbas/contracts';
import type { PrismaClient } from '@prmbas/db';
import { dataUrl } from '@prmbas/db';
import { summariseDataset } from '@prmbas/rollouts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiWithRoles } from '../testing/auth-helpers';
import { buildRecords, createDataset, imageParts, storedDigest, toJsonl, uploadJsonl, type BuiltRecords, type ErrorBody } from '../testing/dataset-fixtures';
import type { TestApi } from '../testing/test-api';
import { trpcQuery } from '../testing/trpc-http';

describe('dataset import', () => {
  let api: TestApi;
  let prisma: PrismaClient;
  let researcher: string;
  let viewer: string;
  let built: BuiltRecords;

  beforeAll(async () => {
    ({ api, prisma, researcher, viewer } = await startApiWithRoles());
    built = await buildRecords({ size: 3, seed: 7 });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await api?.close();
  });

  const rowCounts = async () => ({
    versions: await prisma.datasetVersion.count(),
    questions: await prisma.datasetQuestion.count(),
    solutions: await prisma.datasetSolution.count(),
    steps: await prisma.datasetStep.count(),
    blobs: await prisma.blob.count(),
  });

  it('imports our JSONL with its images as parts: a ready version whose digest is the records’, with stats', async () => {
    const dataset = await createDataset(api, researcher);
    const response = await uploadJsonl(api, dataset.id, toJsonl(built.records), researcher, { images: imageParts(built.questions), fileName: 'suite.jsonl' });
    expect(response.status).toBe(201);
    const version = (await response.json()) as TDatasetVersion;
    expect(version).toMatchObject({ datasetId: dataset.id, version: 1, status: 'ready', recordCount: built.records.length, digest: storedDigest(built), build: null });
    expect(version.header).toMatchObject({ source: 'import', format: 'prmbas', file: 'suite.jsonl' });
    // The stats computed in SQL agree with the library's summary of the same records.
    const summary = summariseDataset(built.records);
    const { meanValue, positiveStepShare, correctShare, ...counts } = version.stats;
    expect(counts).toEqual({ questions: 3, solutions: summary.solutions, steps: summary.steps, siblingSteps: summary.siblingSteps, siblingGroups: summary.siblingGroups, pairs: summary.pairs, labelledSteps: 0 });
    expect(summary.pairs).toBeGreaterThan(0);
    expect(meanValue).toBeCloseTo(summary.meanValue, 9);
    expect(positiveStepShare).toBeCloseTo(summary.positiveStepShare, 9);
    expect(correctShare).toBeCloseTo(summary.correctShare, 9);
    expect(await prisma.questionImage.count({ where: { question: { datasetVersionId: version.id } } })).toBe(3);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityType: 'dataset_version', entityId: version.id } });
    expect(audit).toMatchObject({ action: 'dataset_version.import', actor: expect.stringMatching(/^user:researcher-/) });

    // A second import of the same file is version 2, and reuses the stored image blobs.
    const blobs = await prisma.blob.count();
    const again = await uploadJsonl(api, dataset.id, toJsonl(built.records), researcher, { images: imageParts(built.questions) });
    expect(((await again.json()) as TDatasetVersion).version).toBe(2);
    expect(await prisma.blob.count()).toBe(blobs);
    const got = await trpcQuery<TGetDatasetResponse>(api, 'datasets.get', { id: dataset.id }, { cookie: viewer });
    expect(got.data!.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(got.data!.latestVersion!.version).toBe(2);
  });

  it('refuses a malformed line with 400 naming the line and field, and writes nothing', async () => {
    const dataset = await createDataset(api, researcher);
    const lines = built.records.map((r) => JSON.stringify(r));
    const bad = { ...built.records[2]!, steps: built.records[2]!.steps.map((s, i) => (i === 1 ? { ...s, value: 1.5 } : s)) };
    lines[2] = JSON.stringify(bad);
    const before = await rowCounts();
    const response = await uploadJsonl(api, dataset.id, `${lines[0]}\n\n${lines[1]}\n${lines[2]}\n`, researcher, { images: imageParts(built.questions), fileName: 'broken.jsonl' });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.message).toMatch(/^broken\.jsonl:4: field "steps\[1\]\.value" must be a number in \[0, 1\], got 1\.5/);
    expect(error).toMatchObject({ param: 'steps[1].value', code: 'invalid_dataset_line' });
    expect(error.issues).toEqual([expect.objectContaining({ path: 'lines.4.steps[1].value' })]);
    expect(await rowCounts()).toEqual(before);

    const notJson = await uploadJsonl(api, dataset.id, `${lines[0]}\n{"id": oops}\n`, researcher);
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as ErrorBody).error).toMatchObject({ param: 'lines.2', message: expect.stringMatching(/upload\.jsonl:2: invalid JSON/) });
    const badId = await uploadJsonl(api, dataset.id, toJsonl([{ ...built.records[0]!, id: 'something-else' }]), researcher, { images: imageParts(built.questions) });
    expect(badId.status).toBe(400);
    expect(((await badId.json()) as ErrorBody).error).toMatchObject({ param: 'id', message: expect.stringMatching(/:1: field "id" must be "<questionId>#<solution index>"/) });
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses well-formed content it cannot store with 422 (or 413) naming the line, all or nothing', async () => {
    const dataset = await createDataset(api, researcher);
    const before = await rowCounts();
    const cases: [string, Parameters<typeof uploadJsonl>[4], number, RegExp, string][] = [
      // The image of line 1 was not uploaded.
      [toJsonl(built.records), { images: [] }, 422, /:1: field "image" names "images\/.*", which was not uploaded/, 'image'],
      // Two records of one question disagree on its gold answer (line 2 is the second record of the first question).
      [toJsonl([built.records[0]!, { ...built.records[1]!, answer: 'not the same' }]), { images: imageParts(built.questions) }, 422, /:2: field "answer" differs from line 1/, 'answer'],
      // An "image" part that is not an image.
      [toJsonl([built.records[0]!]), { images: [{ name: built.records[0]!.image!, mime: 'image/png', data: new TextEncoder().encode('not a png at all') }] }, 422, /:1: field "image" .*not a known image type|type '.*' is not allowed/, 'image'],
      // An inline data URL over the per-image limit.
      [toJsonl([{ ...built.records[0]!, image: dataUrl('image/png', oversizedPng()) }]), {}, 413, /:1: field "image" image is \d+ bytes; the limit is/, 'image'],
      // A blob reference to nothing stored here.
      [toJsonl([{ ...built.records[0]!, image: `blob:${'0'.repeat(64)}` }]), {}, 422, /:1: field "image" refers to blob:0+, which is not an image stored here/, 'image'],
    ];
    for (const [jsonl, options, status, message, param] of cases) {
      const response = await uploadJsonl(api, dataset.id, jsonl, researcher, options);
      const { error } = (await response.json()) as ErrorBody;
      expect({ status: response.status, message: error.message }).toEqual({ status, message: expect.stringMatching(message) });
      expect(error.param).toBe(param);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('imports TRL stepwise rows with data-URL images', async () => {
    const dataset = await createDataset(api, researcher);
    const png = built.questions[0]!.images[0]!;
    const rows = [
      { prompt: 'How many bars?', completions: ['Count the bars.', 'Answer: 3'], labels: [true, true], images: [dataUrl(png.mime, png.data)] },
      { prompt: 'Which shape?', completions: ['Look at the corners.', 'Answer: square'], labels: [true, false] },
    ];
    const response = await uploadJsonl(api, dataset.id, toJsonl(rows.map((r) => JSON.stringify(r))), researcher, { format: 'trl', fields: { idPrefix: 'shep' } });
    expect(response.status).toBe(201);
    const version = (await response.json()) as TDatasetVersion;
    expect(version).toMatchObject({ status: 'ready', recordCount: 2, header: { format: 'trl', idPrefix: 'shep' }, stats: { questions: 2, steps: 4, correctShare: 0.5 } });
    const questions = await prisma.datasetQuestion.findMany({ where: { datasetVersionId: version.id }, include: { images: true }, orderBy: { externalId: 'asc' } });
    expect(questions.map((q) => [q.externalId, q.images.length])).toEqual([
      ['shep-0', 1],
      ['shep-1', 0],
    ]);

    const mismatched = await uploadJsonl(api, dataset.id, toJsonl([JSON.stringify({ prompt: 'p', completions: ['a', 'b'], labels: [true] })]), researcher, { format: 'trl' });
    expect(mismatched.status).toBe(400);
    expect(((await mismatched.json()) as ErrorBody).error).toMatchObject({ param: 'labels', message: expect.stringMatching(/:1: field "labels" must have one entry per completion/) });
  });

  it('checks the form: multipart only, a file part, known fields, the dataset, and the role', async () => {
    const dataset = await createDataset(api, researcher);
    const jsonl = toJsonl(built.records);
    const json = await api.request(`/datasets/${dataset.id}/versions/import`, { method: 'POST', headers: { cookie: researcher, 'content-type': 'application/json' }, body: JSON.stringify({ jsonl }) });
    expect(json.status).toBe(415);
    const noFile = new FormData();
    noFile.append('format', 'prmbas');
    const missing = await api.request(`/datasets/${dataset.id}/versions/import`, { method: 'POST', headers: { cookie: researcher }, body: noFile });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as ErrorBody).error.param).toBe('file');
    const badFormat = await uploadJsonl(api, dataset.id, jsonl, researcher, { fields: { format: 'csv' } });
    expect(badFormat.status).toBe(400);
    expect(((await badFormat.json()) as ErrorBody).error.param).toBe('format');
    const wrongType = await uploadJsonl(api, dataset.id, jsonl, researcher, { fileType: 'image/png' });
    expect(wrongType.status).toBe(415);
    const unknown = await uploadJsonl(api, '0190f0f0-0000-7000-8000-000000000001', jsonl, researcher);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorBody).error.param).toBe('datasetId');
    expect((await uploadJsonl(api, dataset.id, jsonl, viewer)).status).toBe(403);
    expect((await api.request(`/datasets/${dataset.id}/versions/import`, { method: 'POST', body: new FormData() })).status).toBe(401);
  });
});

/** A PNG signature followed by zeros: a "PNG" one byte over the 10 MB image limit. */
function oversizedPng(): Uint8Array {
  const data = new Uint8Array(10 * 1024 * 1024 + 1);
  data.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return data;
}

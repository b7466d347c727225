/**
 * Browsing, freezing and exporting a version against the real server and Postgres: questions page
 * by page with their images (bytes served with type and caching headers, authorised), solutions
 * and step values; a frozen version refuses every edit with 422; our JSONL export imports back to
 * the same digest; the TRL export has one row per solution.
 */
import type { TDatasetQuestion, TDatasetVersion, TFindDatasetQuestionsResponse } from '@prmbas/contracts';
import type { PrismaClient } from '@prmbas/db';
import { parseDatasetJsonl, parseTrlJsonl } from '@prmbas/rollouts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiWithRoles } from '../testing/auth-helpers';
import { buildRecords, createDataset, importedVersion, storedDigest, uploadJsonl, type BuiltRecords, type ErrorBody } from '../testing/dataset-fixtures';
import type { TestApi } from '../testing/test-api';
import { frozenVersionIn, refusingFrozen } from './frozen-version';
import { trpcMutation, trpcQuery } from '../testing/trpc-http';

describe('dataset browse, freeze and export', () => {
  let api: TestApi;
  let prisma: PrismaClient;
  let researcher: string;
  let viewer: string;
  let built: BuiltRecords;
  let version: TDatasetVersion;

  beforeAll(async () => {
    ({ api, prisma, researcher, viewer } = await startApiWithRoles());
    built = await buildRecords({ size: 5, seed: 11 });
    version = (await importedVersion(api, researcher, built)).version;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await api?.close();
  });

  it('pages through questions with images, solutions and per-step values', async () => {
    const seen: TDatasetQuestion[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await trpcQuery<TFindDatasetQuestionsResponse>(api, 'datasets.findQuestions', { versionId: version.id, limit: 2, ...(cursor ? { cursor } : {}) }, { cookie: viewer });
      expect(page.error).toBeUndefined();
      expect(page.data!.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.data!.items);
      cursor = page.data!.nextCursor;
    } while (cursor);
    expect(seen.map((q) => q.externalId)).toEqual(built.questions.map((q) => q.id).sort());

    const question = seen[0]!;
    const records = built.records.filter((r) => r.questionId === question.externalId);
    expect(question.solutions).toHaveLength(records.length);
    const [record, solution] = [records[0]!, question.solutions[0]!];
    expect(solution).toMatchObject({ solutionIndex: 0, correct: record.correct, finalAnswer: record.finalAnswer });
    expect(solution.steps.map((s) => [s.text, s.value, s.rollouts, s.correctRollouts, s.terminal])).toEqual(record.steps.map((s) => [s.text, s.value, s.rollouts, s.correct, s.terminal]));
    expect(solution.steps.map((s) => s.siblings?.map((k) => k.value) ?? null)).toEqual(record.steps.map((s) => s.siblings?.map((k) => k.value) ?? null));
    expect(question.images).toEqual([expect.objectContaining({ position: 0, contentType: 'image/png', url: `/datasets/questions/${question.id}/images/0` })]);

    const searched = await trpcQuery<TFindDatasetQuestionsResponse>(api, 'datasets.findQuestions', { versionId: version.id, query: question.externalId }, { cookie: viewer });
    expect(searched.data!.items.map((q) => q.id)).toEqual([question.id]);
    const one = await trpcQuery<TDatasetQuestion>(api, 'datasets.getQuestion', { id: question.id }, { cookie: viewer });
    expect(one.data).toEqual(question);
  });

  it('serves image bytes with their type, an ETag and private immutable caching, to signed-in callers only', async () => {
    const page = await trpcQuery<TFindDatasetQuestionsResponse>(api, 'datasets.findQuestions', { versionId: version.id, limit: 1 }, { cookie: viewer });
    const image = page.data!.items[0]!.images[0]!;
    const original = built.questions.find((q) => q.id === page.data!.items[0]!.externalId)!.images[0]!;
    const response = await api.request(image.url, { headers: { cookie: viewer } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(response.headers.get('etag')).toBe(`"${image.sha256}"`);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(original.data))).toBe(true);
    const revalidated = await api.request(image.url, { headers: { cookie: viewer, 'if-none-match': `"${image.sha256}"` } });
    expect(revalidated.status).toBe(304);
    expect((await api.request(image.url)).status).toBe(401);
    expect((await api.request(image.url.replace(/\/0$/, '/7'), { headers: { cookie: viewer } })).status).toBe(404);
    expect((await api.request(image.url.replace(/\/0$/, '/x'), { headers: { cookie: viewer } })).status).toBe(400);
  });

  it('edits an unfrozen version (digest follows), freezes it, then refuses every edit with 422', async () => {
    const { version: v } = await importedVersion(api, researcher, built);
    const page = await trpcQuery<TFindDatasetQuestionsResponse>(api, 'datasets.findQuestions', { versionId: v.id, limit: 1 }, { cookie: researcher });
    const question = page.data!.items[0]!;
    const edited = await trpcMutation<TDatasetQuestion>(api, 'datasets.updateQuestion', { id: question.id, answer: '42' }, { cookie: researcher });
    expect(edited.data).toMatchObject({ answer: '42' });
    const afterEdit = await trpcQuery<TDatasetVersion>(api, 'datasets.getVersion', { id: v.id }, { cookie: viewer });
    expect(afterEdit.data!.digest).not.toBe(v.digest);
    const deleted = await trpcMutation(api, 'datasets.deleteSolution', { id: question.solutions[0]!.id }, { cookie: researcher });
    expect(deleted.error).toBeUndefined();
    expect((await trpcQuery<TDatasetVersion>(api, 'datasets.getVersion', { id: v.id }, { cookie: viewer })).data!.recordCount).toBe(v.recordCount - 1);

    expect((await trpcMutation(api, 'datasets.freezeVersion', { id: v.id }, { cookie: viewer })).error?.data.code).toBe('FORBIDDEN');
    const frozen = await trpcMutation<TDatasetVersion>(api, 'datasets.freezeVersion', { id: v.id }, { cookie: researcher });
    expect(frozen.data).toMatchObject({ status: 'frozen', frozenAt: expect.any(String), frozenBy: { email: expect.stringMatching(/^researcher-/) } });
    expect(await prisma.auditLog.count({ where: { entityId: v.id, action: 'dataset_version.freeze' } })).toBe(1);

    const edits: [string, unknown][] = [
      ['datasets.updateQuestion', { id: question.id, text: 'changed' }],
      ['datasets.deleteSolution', { id: question.solutions[1]!.id }],
      ['datasets.deleteVersion', { id: v.id }],
    ];
    for (const [procedure, input] of edits) {
      const refused = await trpcMutation(api, procedure, input, { cookie: researcher });
      expect({ procedure, status: refused.error?.data.httpStatus }).toEqual({ procedure, status: 422 });
      expect(refused.error!.message).toMatch(/frozen/);
    }
    const again = await trpcMutation(api, 'datasets.freezeVersion', { id: v.id }, { cookie: researcher });
    expect(again.error?.data.httpStatus).toBe(409);
    // A build job cannot write into it either.
    const build = await api.request('/jobs', {
      method: 'POST',
      headers: { cookie: researcher, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'dataset.build', payload: { datasetVersionId: v.id, suite: { kind: 'synth', size: 1 }, policy: { kind: 'sim' } } }),
    });
    expect(build.status).toBe(409);
    expect((await prisma.datasetQuestion.findUniqueOrThrow({ where: { id: question.id } })).text).toBe(question.text);
    // Past the services' checks, the triggers refuse; their error maps to the same 422.
    const write = prisma.datasetQuestion.update({ where: { id: question.id }, data: { text: 'sneaky' } });
    const refusal = await write.then(() => null, (error: unknown) => error);
    expect(frozenVersionIn(refusal)).toBe(v.id);
    await expect(refusingFrozen(() => prisma.datasetQuestion.update({ where: { id: question.id }, data: { text: 'sneaky' } }))).rejects.toMatchObject({ status: 422, code: 'dataset_version_frozen' });
  });

  it('exports our JSONL (streamed), which imports back to the same digest, with inline images or refs', async () => {
    for (const images of ['data-url', 'ref'] as const) {
      const response = await api.request(`/datasets/versions/${version.id}/export?images=${images}`, { headers: { cookie: researcher } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+-v1\.jsonl"$/);
      expect(response.headers.get('x-dataset-digest')).toBe(version.digest);
      const text = await response.text();
      const records = parseDatasetJsonl(text, 'export.jsonl');
      expect(records).toHaveLength(built.records.length);
      expect(records[0]!.image).toMatch(images === 'data-url' ? /^data:image\/png;base64,/ : /^blob:[0-9a-f]{64}$/);

      const dataset = await createDataset(api, researcher);
      const reimport = await uploadJsonl(api, dataset.id, text, researcher);
      expect(reimport.status).toBe(201);
      const copy = (await reimport.json()) as TDatasetVersion;
      expect(copy.digest).toBe(version.digest);
      expect(copy.digest).toBe(storedDigest(built));
    }
  });

  it('exports TRL stepwise rows (one per solution; siblings as extra rows when asked)', async () => {
    const plain = await api.request(`/datasets/versions/${version.id}/export?format=trl`, { headers: { cookie: researcher } });
    expect(plain.headers.get('content-disposition')).toMatch(/\.trl\.jsonl"$/);
    const rows = parseTrlJsonl(await plain.text(), 'trl.jsonl');
    expect(rows).toHaveLength(built.records.length);
    const byPrompt = built.records.find((r) => r.question === rows[0]!.prompt)!;
    expect(rows[0]!.images![0]).toMatch(/^data:image\/png;base64,/);
    expect(rows.every((row) => row.labels.length === row.completions.length)).toBe(true);
    expect(byPrompt).toBeDefined();
    const withSiblings = parseTrlJsonl(await (await api.request(`/datasets/versions/${version.id}/export?format=trl&includeSiblings=true&threshold=0.5`, { headers: { cookie: researcher } })).text(), 'trl.jsonl');
    const siblings = built.records.flatMap((r) => r.steps).reduce((n, s) => n + (s.siblings?.length ?? 0), 0);
    expect(withSiblings).toHaveLength(built.records.length + siblings);

    const bad = await api.request(`/datasets/versions/${version.id}/export?format=csv`, { headers: { cookie: researcher } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.param).toBe('format');
    expect((await api.request(`/datasets/versions/${version.id}/export`, { headers: { cookie: viewer } })).status).toBe(403);
    const building = await prisma.datasetVersion.create({ data: { datasetId: version.datasetId, version: 99, config: {}, header: {} } });
    expect((await api.request(`/datasets/versions/${building.id}/export`, { headers: { cookie: researcher } })).status).toBe(409);
    await prisma.datasetVersion.delete({ where: { id: building.id } });
  });

  it('lists datasets with their latest version and refuses duplicate names and viewers', async () => {
    const found = await trpcQuery<{ items: { id: string; latestVersion: TDatasetVersion | null }[] }>(api, 'datasets.find', {}, { cookie: viewer });
    const mine = found.data!.items.find((d) => d.id === version.datasetId)!;
    expect(mine.latestVersion).toMatchObject({ id: version.id, stats: { questions: 5 } });
    const name = `dup-${Date.now()}`;
    expect((await trpcMutation(api, 'datasets.create', { name }, { cookie: researcher })).error).toBeUndefined();
    const dup = await trpcMutation(api, 'datasets.create', { name }, { cookie: researcher });
    expect(dup.error?.data).toMatchObject({ httpStatus: 409, param: 'name' });
    expect((await trpcMutation(api, 'datasets.create', { name: 'x' }, { cookie: viewer })).error?.data.code).toBe('FORBIDDEN');
    expect((await trpcQuery(api, 'datasets.getVersion', { id: '0190f0f0-0000-7000-8000-000000000001' }, { cookie: viewer })).error?.data).toMatchObject({ httpStatus: 404, param: 'id' });

    // An unfrozen version can be deleted whole (audited); its records go with it.
    const { version: doomed } = await importedVersion(api, researcher, built);
    expect((await trpcMutation(api, 'datasets.deleteVersion', { id: doomed.id }, { cookie: viewer })).error?.data.code).toBe('FORBIDDEN');
    expect((await trpcMutation(api, 'datasets.deleteVersion', { id: doomed.id }, { cookie: researcher })).data).toEqual({ id: doomed.id });
    expect(await prisma.datasetSolution.count({ where: { datasetVersionId: doomed.id } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { entityId: doomed.id, action: 'dataset_version.delete' } })).toBe(1);
  });
});

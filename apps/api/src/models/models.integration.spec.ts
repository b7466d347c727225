/**
 * The model registry against the real server and Postgres: versions with lineage, the artifact
 * download (streamed in chunks, sha256 checked), alias moves as compare-and-set (a stale
 * expectation is a 409 that changes nothing; concurrent moves settle on exactly one), history,
 * validation naming the field, roles.
 */
import type { TFindModelAliasesResponse, TFindModelVersionsResponse, TModelAliasHistoryResponse, TModelVersion, TMoveModelAliasResponse } from '@prmbas/contracts';
import type { PrismaClient } from '@prmbas/db';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiWithRoles } from '../testing/auth-helpers';
import type { TestApi } from '../testing/test-api';
import { trpcMutation, trpcQuery } from '../testing/trpc-http';
import { createVersion, storeModelVersion } from '../training/testing/training-fixtures';
import { ARTIFACT_CHUNK_BYTES } from './model-artifact.controller';

describe('models API', () => {
  let api: TestApi;
  let prisma: PrismaClient;
  let researcher: string;
  let viewer: string;
  let datasetVersionId: string;
  /** 2.5 chunks: the download takes three queries. */
  const bytes = randomBytes(Math.floor(ARTIFACT_CHUNK_BYTES * 2.5));
  const ids: string[] = [];

  beforeAll(async () => {
    ({ api, prisma, researcher, viewer } = await startApiWithRoles());
    datasetVersionId = (await createVersion(prisma, 'frozen')).id;
    for (const [i, artifact] of [bytes, randomBytes(100), randomBytes(100)].entries()) {
      ids.push((await storeModelVersion(prisma, datasetVersionId, artifact, `prm ${i}`)).modelVersion.id);
    }
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await api?.close();
  });

  const move = (input: unknown, cookie = researcher) => trpcMutation<TMoveModelAliasResponse>(api, 'models.aliases.move', input, { cookie });
  const aliasTarget = async (name: string) => (await prisma.modelAlias.findUnique({ where: { name } }))?.modelVersionId ?? null;

  it('lists and gets versions with their artifact facts, metrics and lineage', async () => {
    const got = await trpcQuery<TModelVersion>(api, 'models.get', { id: ids[0] }, { cookie: viewer });
    expect(got.error).toBeUndefined();
    const run = await prisma.trainingRun.findFirstOrThrow({ where: { modelVersions: { some: { id: ids[0] } } } });
    expect(got.data).toMatchObject({
      id: ids[0],
      name: 'prm 0',
      format: 'prmbas-prm/1',
      artifact: { sha256: createHash('sha256').update(bytes).digest('hex'), byteSize: bytes.length, downloadPath: `/models/versions/${ids[0]}/artifact` },
      metrics: { auroc: 0.75, ece: null, steps: 7 },
      config: { kind: 'test-mlp' },
      aliases: [],
      lineage: { trainingRun: { id: run.id, status: 'succeeded' }, datasetVersion: { id: datasetVersionId, version: 1, status: 'frozen' }, checkpoint: { step: 7 } },
    });
    const page = await trpcQuery<TFindModelVersionsResponse>(api, 'models.find', { limit: 2 }, { cookie: viewer });
    expect(page.data!.items.map((v) => v.id)).toEqual([ids[2], ids[1]]);
    const rest = await trpcQuery<TFindModelVersionsResponse>(api, 'models.find', { cursor: page.data!.nextCursor }, { cookie: viewer });
    expect(rest.data).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });
    const byRun = await trpcQuery<TFindModelVersionsResponse>(api, 'models.find', { trainingRunId: run.id, name: 'PRM' }, { cookie: viewer });
    expect(byRun.data!.items.map((v) => v.id)).toEqual([ids[0]]);
    const unknown = await trpcQuery(api, 'models.get', { id: '0190f0f0-0000-7000-8000-000000000001' }, { cookie: viewer });
    expect([unknown.status, unknown.error?.data.param]).toEqual([404, 'id']);
  });

  it('streams the artifact: the bytes hash to the sha256 the headers and the registry state; 304 on a matching ETag', async () => {
    const response = await api.request(`/models/versions/${ids[0]}/artifact`, { headers: { cookie: viewer } });
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    const sha256 = createHash('sha256').update(body).digest('hex');
    expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(response.headers.get('x-content-sha256')).toBe(sha256);
    expect(response.headers.get('etag')).toBe(`"${sha256}"`);
    expect(response.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`);
    expect(response.headers.get('content-length')).toBe(String(bytes.length));
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="prm-0-v1.prmbas"');
    const again = await api.request(`/models/versions/${ids[0]}/artifact`, { headers: { cookie: viewer, 'if-none-match': `"${sha256}"` } });
    expect(again.status).toBe(304);

    expect((await api.request(`/models/versions/${ids[0]}/artifact`)).status).toBe(401);
    const bad = await api.request('/models/versions/v1/artifact', { headers: { cookie: viewer } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('id');
    expect((await api.request('/models/versions/0190f0f0-0000-7000-8000-000000000001/artifact', { headers: { cookie: viewer } })).status).toBe(404);
  });

  it('moves an alias only from the version the caller expected: a stale expectation is a 409 and changes nothing', async () => {
    const created = await move({ name: 'production', modelVersionId: ids[0], expectedModelVersionId: null });
    expect(created.error).toBeUndefined();
    expect(created.data).toMatchObject({ alias: { name: 'production', modelVersion: { id: ids[0], version: 1, name: 'prm 0' }, updatedBy: { email: expect.stringMatching(/^researcher-/) } }, previousModelVersionId: null, changed: true });

    const moved = await move({ name: 'production', modelVersionId: ids[1], expectedModelVersionId: ids[0] });
    expect(moved.data).toMatchObject({ alias: { modelVersion: { id: ids[1] } }, previousModelVersionId: ids[0], changed: true });

    const auditBefore = await prisma.auditLog.count({ where: { entityType: 'model_alias', entityId: 'production' } });
    // The dialog still shows ids[0]: someone else's move (to ids[1]) must not be overwritten.
    const stale = await move({ name: 'production', modelVersionId: ids[2], expectedModelVersionId: ids[0] });
    expect(stale.status).toBe(409);
    expect(stale.error?.data).toMatchObject({ code: 'CONFLICT', param: 'expectedModelVersionId' });
    expect(stale.error?.message).toMatch(new RegExp(`points at ${ids[1]}`));
    expect(await aliasTarget('production')).toBe(ids[1]);
    expect(await prisma.auditLog.count({ where: { entityType: 'model_alias', entityId: 'production' } })).toBe(auditBefore);
    expect((await move({ name: 'production', modelVersionId: ids[2], expectedModelVersionId: null })).status).toBe(409);

    const same = await move({ name: 'production', modelVersionId: ids[1], expectedModelVersionId: ids[1] });
    expect(same.data).toMatchObject({ changed: false });

    const aliases = await trpcQuery<TFindModelAliasesResponse>(api, 'models.aliases.find', undefined, { cookie: viewer });
    expect(aliases.data!.items).toMatchObject([{ name: 'production', modelVersion: { id: ids[1] } }]);
    expect((await trpcQuery<TModelVersion>(api, 'models.get', { id: ids[1] }, { cookie: viewer })).data!.aliases).toEqual(['production']);
    const history = await trpcQuery<TModelAliasHistoryResponse>(api, 'models.aliases.history', { name: 'production' }, { cookie: viewer });
    expect(history.data!.items.map((h) => [h.fromModelVersionId, h.toModelVersionId])).toEqual([
      [ids[0], ids[1]],
      [null, ids[0]],
    ]);
    expect(history.data!.items[0]!.actor).toMatch(/^user:researcher-/);
  });

  it('settles concurrent moves from the same expected version on exactly one; the others get 409', async () => {
    await move({ name: 'candidate', modelVersionId: ids[0], expectedModelVersionId: null });
    const targets = Array.from({ length: 8 }, (_, i) => ids[1 + (i % 2)]!);
    const replies = await Promise.all(targets.map((target) => move({ name: 'candidate', modelVersionId: target, expectedModelVersionId: ids[0] })));
    const winners = replies.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(7);
    const winner = winners[0]!.data!;
    expect(await aliasTarget('candidate')).toBe(winner.alias.modelVersion.id);
    const moves = await prisma.auditLog.findMany({ where: { entityType: 'model_alias', entityId: 'candidate' }, orderBy: { createdAt: 'asc' } });
    expect(moves.map((m) => [m.before, m.after])).toEqual([
      [null, { modelVersionId: ids[0] }],
      [{ modelVersionId: ids[0] }, { modelVersionId: winner.alias.modelVersion.id }],
    ]);
  });

  it('refuses bad input naming the field, unknown versions with 404, and moves by anyone below researcher', async () => {
    const cases: [unknown, number, string][] = [
      [{ name: 'Prod!', modelVersionId: ids[0], expectedModelVersionId: null }, 400, 'name'],
      [{ name: 'staging', modelVersionId: 'v1', expectedModelVersionId: null }, 400, 'modelVersionId'],
      [{ name: 'staging', modelVersionId: ids[0] }, 400, 'expectedModelVersionId'],
      [{ name: 'staging', modelVersionId: '0190f0f0-0000-7000-8000-000000000001', expectedModelVersionId: null }, 404, 'modelVersionId'],
    ];
    for (const [input, status, param] of cases) {
      const reply = await move(input);
      expect({ input, status: reply.status, param: reply.error?.data.param }).toEqual({ input, status, param });
    }
    expect(await aliasTarget('staging')).toBeNull();
    const forbidden = await move({ name: 'production', modelVersionId: ids[0], expectedModelVersionId: ids[1] }, viewer);
    expect(forbidden.error?.data.code).toBe('FORBIDDEN');
    expect((await trpcQuery(api, 'models.find', {})).error?.data.code).toBe('UNAUTHORIZED');
  });
});

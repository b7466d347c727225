/**
 * Deployments over REST and tRPC against the real server: validation naming the field, the PRM
 * reference checks, audit rows, and changes (strategy, pause, archive) taking effect on the next
 * served request.
 */
import type { TDeployment, TFindDeploymentsResponse } from '@prmbas/contracts';
import type { ModelVersion, PrismaClient } from '@prmbas/db';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseOf, signIn, TEST_ADMIN, userWithRole } from '../testing/auth-helpers';
import { ADMIN_KEY, createDeployment, pointAlias, startServingApi, storeTestMlpVersion, suiteQuestions, userMessage } from '../testing/serving-fixtures';
import type { TestApi } from '../testing/test-api';
import { trpcMutation, trpcQuery } from '../testing/trpc-http';

let api: TestApi;
let db: PrismaClient;
let version: ModelVersion;
const auth = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };

async function call(method: string, path: string, body?: unknown) {
  const response = await api.request(path, { method, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { param: string | null; message: string; code: string } } };
}

const sim = { kind: 'sim' };

beforeAll(async () => {
  api = await startServingApi();
  db = databaseOf(api);
  version = await storeTestMlpVersion(db, 3);
  await pointAlias(db, 'candidate', version.id);
});
afterAll(async () => {
  await db?.$disconnect();
  await api?.close();
});

describe('creating deployments', () => {
  it('stores the complete strategy (library defaults filled in) and shows where the PRM points', async () => {
    const created = await createDeployment(api, { name: 'bas-candidate', description: 'demo', policy: sim, prm: { kind: 'alias', alias: 'candidate' } });
    expect(created).toMatchObject({
      name: 'bas-candidate',
      status: 'active',
      prm: { kind: 'alias', alias: 'candidate' },
      prmTarget: { id: version.id, version: version.version },
      strategy: { strategy: 'prm-bas', k: 4, schedule: { kind: 'linear', b0: 8, bMin: 2, delta: 2 }, finishedTarget: 8, aggregation: 'last' },
      secretsPresent: true,
    });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'deployment.create', entityId: created.id } });
    expect(audit.actor).toMatch(/^api-key:/);
    const byName = await call('GET', '/deployments/bas-candidate');
    expect(byName.body['id']).toBe(created.id);
  });

  it('answers 400/404/409/422 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ name: 'x', policy: sim, prm: { kind: 'none' }, strategy: { strategy: 'prm-bas', schedule: { b0: 0 } } }, 400, 'strategy.schedule.b0'],
      [{ name: 'x', policy: sim, prm: { kind: 'none' }, strategy: { strategy: 'bfs' } }, 400, 'strategy.strategy'],
      [{ name: 'x', policy: sim, prm: { kind: 'none' } }, 400, 'prm'],
      [{ name: 'x', policy: { kind: 'openai', baseUrl: 'http://localhost:8000/v1', model: 'm', apiKey: 'sk-secret' }, prm: { kind: 'none' }, strategy: { strategy: 'greedy' } }, 400, 'policy.apiKey'],
      [{ name: 'bad name!', policy: sim, prm: { kind: 'none' }, strategy: { strategy: 'greedy' } }, 400, 'name'],
      [{ name: 'x', policy: sim, prm: { kind: 'alias', alias: 'nowhere' } }, 404, 'prm.alias'],
      [{ name: 'x', policy: sim, prm: { kind: 'model', modelVersionId: '01890000-0000-7000-8000-000000000000' } }, 404, 'prm.modelVersionId'],
      [{ name: 'bas-candidate', policy: sim, prm: { kind: 'none' }, strategy: { strategy: 'greedy' } }, 409, 'name'],
    ];
    for (const [body, status, param] of cases) {
      const reply = await call('POST', '/deployments', body);
      expect(reply.status, JSON.stringify(reply.body)).toBe(status);
      expect(reply.body.error?.param).toBe(param);
    }
    const unloadable = await storeTestMlpVersion(db, 4, { kind: 'unregistered-kind' });
    const reply = await call('POST', '/deployments', { name: 'mm', policy: sim, prm: { kind: 'model', modelVersionId: unloadable.id } });
    expect(reply.status).toBe(422);
    expect(reply.body.error?.message).toMatch(/'unregistered-kind' PRM, which this API server cannot load \(loadable kinds: [^)]*test-mlp/);
  });

  it('keeps secrets out: an endpoint key is named by its environment variable, never stored', async () => {
    const created = await createDeployment(api, {
      name: 'vllm',
      policy: { kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', model: 'qwen', apiKeyEnv: 'PRMBAS_TEST_UNSET_KEY' },
      prm: { kind: 'http', baseUrl: 'http://127.0.0.1:9', model: 'qwen-prm' },
    });
    expect(created.secretsPresent).toBe(false);
    const row = await db.deployment.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.prmConfig).toMatchObject({ kind: 'http', model: 'qwen-prm' });
    // Serving it says which variable is missing (the server's problem: 503).
    const client = new OpenAI({ baseURL: `${api.url}/v1`, apiKey: ADMIN_KEY, maxRetries: 0 });
    const error = await client.chat.completions.create({ model: 'vllm', messages: [{ role: 'user', content: 'q' }] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, code: 'deployment_misconfigured' });
    expect((error as Error).message).toContain('PRMBAS_TEST_UNSET_KEY');
  });
});

describe('the database rule', () => {
  it('holds at most one PRM reference per deployment (version, alias or reward server)', async () => {
    const base = { policyConfig: sim, strategyConfig: { strategy: 'greedy' } };
    await expect(db.deployment.create({ data: { ...base, name: 'two-prms', prmAliasName: 'candidate', prmConfig: { kind: 'http' } } })).rejects.toThrow(/deployments_prm_check/);
    await expect(db.deployment.create({ data: { ...base, name: 'two-prms', prmAliasName: 'candidate', prmModelVersionId: version.id } })).rejects.toThrow(/deployments_prm_check/);
  });
});

describe('changing deployments', () => {
  it('a new strategy, a pause and an archive take effect on the next request', async () => {
    const client = new OpenAI({ baseURL: `${api.url}/v1`, apiKey: ADMIN_KEY, maxRetries: 0 });
    const [question] = suiteQuestions(1, 4);
    const created = await createDeployment(api, { name: 'changing', policy: sim, prm: { kind: 'model', modelVersionId: version.id }, strategy: { strategy: 'prm-bas', schedule: { b0: 2, bMin: 1 } } });
    const first = await client.chat.completions.create({ model: 'changing', messages: [userMessage(question!)] });
    expect((first as unknown as { prmbas: { strategy: { schedule: { b0: number } } } }).prmbas.strategy.schedule.b0).toBe(2);

    const patched = await call('PATCH', `/deployments/${created.id}`, { strategy: { strategy: 'best-of-n', n: 3 } });
    expect(patched.status).toBe(200);
    const second = await client.chat.completions.create({ model: 'changing', messages: [userMessage(question!)] });
    expect((second as unknown as { prmbas: { strategy: { strategy: string; n: number } } }).prmbas.strategy).toMatchObject({ strategy: 'best-of-n', n: 3 });
    // A strategy that needs a PRM cannot lose it.
    const noPrm = await call('PATCH', `/deployments/${created.id}`, { prm: { kind: 'none' } });
    expect(noPrm).toMatchObject({ status: 400, body: { error: { param: 'prm' } } });

    expect((await call('PATCH', `/deployments/${created.id}`, { status: 'paused' })).status).toBe(200);
    const paused = await client.chat.completions.create({ model: 'changing', messages: [userMessage(question!)] }).catch((e: unknown) => e);
    expect(paused).toMatchObject({ status: 409, code: 'deployment_paused', param: 'model' });

    const archived = await call('DELETE', `/deployments/${created.id}`);
    expect(archived).toMatchObject({ status: 200, body: { status: 'archived' } });
    const gone = await client.chat.completions.create({ model: 'changing', messages: [userMessage(question!)] }).catch((e: unknown) => e);
    expect(gone).toMatchObject({ status: 404, code: 'model_not_found' });
    // Its traces stay, and so does its name.
    expect(await db.trace.count({ where: { deploymentId: created.id } })).toBe(2);
    expect((await call('POST', '/deployments', { name: 'changing', policy: sim, prm: { kind: 'none' }, strategy: { strategy: 'greedy' } })).status).toBe(409);
    const actions = await db.auditLog.findMany({ where: { entityId: created.id }, orderBy: { createdAt: 'asc' }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(['deployment.create', 'deployment.update', 'deployment.update', 'deployment.archive']);
    // Lists leave archived ones out unless asked.
    const listed = await call('GET', '/deployments');
    expect((listed.body as unknown as TFindDeploymentsResponse).items.map((d) => d.name)).not.toContain('changing');
    const all = await call('GET', '/deployments?includeArchived=true&limit=200');
    expect((all.body as unknown as TFindDeploymentsResponse).items.map((d) => d.name)).toContain('changing');
  });
});

describe('tRPC deployments.*', () => {
  it('researchers deploy, viewers read, nobody else writes', async () => {
    const admin = await signIn(api, TEST_ADMIN.email, TEST_ADMIN.password);
    const researcher = await userWithRole(api, admin, 'researcher');
    const viewer = await userWithRole(api, admin, 'viewer');
    const created = await trpcMutation<TDeployment>(
      api,
      'deployments.create',
      { name: 'from-console', policy: sim, prm: { kind: 'alias', alias: 'candidate' }, strategy: { strategy: 'beam', width: 2 } },
      { cookie: researcher.cookie },
    );
    expect(created.error).toBeUndefined();
    expect(created.data).toMatchObject({ name: 'from-console', strategy: { strategy: 'beam', width: 2, finishedTarget: 2 }, createdBy: { email: researcher.user.email } });
    const denied = await trpcMutation(api, 'deployments.create', { name: 'nope', policy: sim, prm: { kind: 'none' }, strategy: { strategy: 'greedy' } }, { cookie: viewer.cookie });
    expect(denied.error?.data.httpStatus).toBe(403);
    const invalid = await trpcMutation(api, 'deployments.update', { id: created.data!.id, strategy: { strategy: 'beam', width: -1 } }, { cookie: researcher.cookie });
    expect(invalid.error?.data).toMatchObject({ httpStatus: 400, param: 'strategy.width' });
    const got = await trpcQuery<TDeployment>(api, 'deployments.get', { name: 'from-console' }, { cookie: viewer.cookie });
    expect(got.data?.id).toBe(created.data!.id);
    const found = await trpcQuery<TFindDeploymentsResponse>(api, 'deployments.find', { limit: 1 }, { cookie: viewer.cookie });
    expect(found.data?.items).toHaveLength(1);
    expect(found.data?.nextCursor).not.toBeNull();
    const archived = await trpcMutation<TDeployment>(api, 'deployments.delete', { id: created.data!.id }, { cookie: researcher.cookie });
    expect(archived.data?.status).toBe('archived');
  });
});

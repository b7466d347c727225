/**
 * Reading traces (REST and tRPC) against the real server: filters by deployment, correctness, cost
 * and date, newest-first cursor pages, and the errors of bad filters.
 */
import type { TFindTracesResponse, TTrace, TTraceSummary } from '@prmbas/contracts';
import type { PrismaClient } from '@prmbas/db';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseOf, signIn, TEST_ADMIN, userWithRole } from '../testing/auth-helpers';
import { ADMIN_KEY, createDeployment, startServingApi, storeTestMlpVersion, suiteQuestions, userMessage } from '../testing/serving-fixtures';
import type { TestApi } from '../testing/test-api';
import { trpcQuery } from '../testing/trpc-http';
import { uuidV7 } from '../database/uuid-v7';

let api: TestApi;
let db: PrismaClient;
let bas: string;
let greedy: string;
let all: TTraceSummary[];

async function find(query: string): Promise<{ status: number; body: TFindTracesResponse & { error?: { param: string } } }> {
  const response = await api.request(`/traces${query}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  return { status: response.status, body: (await response.json()) as TFindTracesResponse & { error?: { param: string } } };
}

beforeAll(async () => {
  api = await startServingApi();
  db = databaseOf(api);
  const version = await storeTestMlpVersion(db, 5);
  bas = (await createDeployment(api, { name: 'bas', policy: { kind: 'sim' }, prm: { kind: 'model', modelVersionId: version.id }, strategy: { strategy: 'prm-bas', schedule: { b0: 2, bMin: 1 } } })).id;
  greedy = (await createDeployment(api, { name: 'greedy', policy: { kind: 'sim', capability: 0.2 }, prm: { kind: 'none' }, strategy: { strategy: 'greedy' } })).id;
  const client = new OpenAI({ baseURL: `${api.url}/v1`, apiKey: ADMIN_KEY, maxRetries: 0 });
  const questions = suiteQuestions(8, 21);
  for (const [i, question] of questions.entries()) {
    await client.chat.completions.create({ model: i % 2 === 0 ? 'bas' : 'greedy', messages: [userMessage(question)] });
  }
  // A trace whose correctness is unknown (no gold answer): written directly, as a text-only policy would leave it.
  await db.trace.create({ data: { id: uuidV7(), deploymentId: greedy, questionText: 'What is 2 + 2?', strategy: 'greedy', solution: [], latencyMs: 1, status: 'failed', error: 'policy server failed' } });
  all = (await find('?limit=200')).body.items;
});
afterAll(async () => {
  await db?.$disconnect();
  await api?.close();
});

describe('GET /traces', () => {
  it('lists every trace newest first', () => {
    expect(all).toHaveLength(9);
    expect(all.map((t) => t.id)).toEqual([...all.map((t) => t.id)].sort().reverse());
    expect(all[0]).toMatchObject({ questionText: 'What is 2 + 2?', correct: null, status: 'failed' });
  });

  it('filters by deployment (id or name), status and correctness', async () => {
    const byId = (await find(`?deploymentId=${bas}`)).body.items;
    expect(byId).toHaveLength(4);
    expect(byId.every((t) => t.deployment.name === 'bas' && t.strategy === 'prm-bas' && t.imageCount === 1)).toBe(true);
    expect((await find('?deployment=greedy')).body.items).toHaveLength(5);
    expect((await find('?status=failed')).body.items).toHaveLength(1);
    const correct = (await find('?correctness=correct')).body.items;
    const incorrect = (await find('?correctness=incorrect')).body.items;
    const unknown = (await find('?correctness=unknown')).body.items;
    expect(correct.every((t) => t.correct === true)).toBe(true);
    expect(incorrect.every((t) => t.correct === false)).toBe(true);
    expect(unknown.map((t) => t.questionText)).toEqual(['What is 2 + 2?']);
    expect(correct.length + incorrect.length + unknown.length).toBe(9);
  });

  it('filters by cost (generated steps, tokens) and latency ranges', async () => {
    const steps = all.filter((t) => t.generatedSteps !== null).map((t) => t.generatedSteps!);
    const cut = [...steps].sort((a, b) => a - b)[Math.floor(steps.length / 2)]!;
    const cheap = (await find(`?maxGeneratedSteps=${cut}`)).body.items;
    const dear = (await find(`?minGeneratedSteps=${cut + 1}`)).body.items;
    expect(cheap.every((t) => t.generatedSteps! <= cut)).toBe(true);
    expect(dear.every((t) => t.generatedSteps! > cut)).toBe(true);
    expect(cheap.length + dear.length).toBe(steps.length);
    // PRM-BAS spends more than greedy on the same kind of question.
    expect(Math.min(...(await find(`?deploymentId=${bas}`)).body.items.map((t) => t.generatedSteps!))).toBeGreaterThan(
      Math.max(...(await find(`?deploymentId=${greedy}&status=succeeded`)).body.items.map((t) => t.generatedSteps!)),
    );
    const tokens = (await find('?minTokens=1')).body.items;
    expect(tokens.every((t) => t.tokens! >= 1 && t.cost!.tokens === t.tokens)).toBe(true);
    expect((await find('?maxLatencyMs=0')).body.items.every((t) => t.latencyMs === 0)).toBe(true);
  });

  it('filters by date range', async () => {
    const now = Date.now();
    expect((await find(`?from=${new Date(now + 60_000).toISOString()}`)).body.items).toHaveLength(0);
    expect((await find(`?to=${new Date(now - 3_600_000).toISOString()}`)).body.items).toHaveLength(0);
    const window = `?from=${new Date(now - 3_600_000).toISOString()}&to=${new Date(now + 60_000).toISOString()}&limit=200`;
    expect((await find(window)).body.items).toHaveLength(9);
  });

  it('pages with a cursor: every trace once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: TFindTracesResponse = (await find(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`)).body;
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((t) => t.id));
  });

  it('answers 400 naming the bad filter, 404 for an unknown trace', async () => {
    expect((await find('?minGeneratedSteps=5&maxGeneratedSteps=2')).body.error?.param).toBe('maxGeneratedSteps');
    expect((await find('?correctness=maybe')).body.error?.param).toBe('correctness');
    expect((await find('?from=yesterday')).body.error?.param).toBe('from');
    expect((await find('?limit=0')).status).toBe(400);
    const missing = await api.request(`/traces/${uuidV7()}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(missing.status).toBe(404);
    const badId = await api.request('/traces/not-an-id', { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(((await badId.json()) as { error: { param: string } }).error.param).toBe('id');
  });
});

describe('tRPC traces.*', () => {
  it('any signed-in user finds and reads traces with their trees', async () => {
    const admin = await signIn(api, TEST_ADMIN.email, TEST_ADMIN.password);
    const viewer = await userWithRole(api, admin, 'viewer');
    const found = await trpcQuery<TFindTracesResponse>(api, 'traces.find', { deploymentId: bas, correctness: 'correct', limit: 10 }, { cookie: viewer.cookie });
    expect(found.error).toBeUndefined();
    expect(found.data!.items.every((t) => t.deployment.id === bas && t.correct)).toBe(true);
    const id = all.find((t) => t.deployment.id === bas)!.id;
    const trace = await trpcQuery<TTrace>(api, 'traces.get', { id }, { cookie: viewer.cookie });
    expect(trace.data!.tree.length).toBeGreaterThan(0);
    expect(trace.data!.tree.some((n) => n.status === 'finished')).toBe(true);
    expect(trace.data!.beamWidths.length).toBeGreaterThan(0);
    const anonymous = await trpcQuery(api, 'traces.find', {});
    expect(anonymous.error?.data.httpStatus).toBe(401);
  });
});

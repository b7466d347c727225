/**
 * The served reasoning API through the official `openai` SDK, against the real server and Postgres:
 * non-streaming and streaming completions, the stored trace, /v1/models, the error statuses, and an
 * alias move changing the PRM the next request uses.
 */
import type { TCreateApiKeyResponse, TTrace } from '@prmbas/contracts';
import type { ModelVersion, PrismaClient } from '@prmbas/db';
import { Raster, type Question } from '@prmbas/tasks';
import OpenAI, { AuthenticationError, BadRequestError, NotFoundError, PermissionDeniedError, UnprocessableEntityError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeploymentResolver } from '../deployments/deployment-resolver';
import { databaseOf } from '../testing/auth-helpers';
import { ADMIN_KEY, createDeployment, dataUrl, pointAlias, startServingApi, storeTestMlpVersion, suiteQuestions, userMessage } from '../testing/serving-fixtures';
import type { TestApi } from '../testing/test-api';
import { trpcMutation, trpcQuery } from '../testing/trpc-http';

let api: TestApi;
let db: PrismaClient;
let client: OpenAI;
let v1: ModelVersion;
let v2: ModelVersion;
const questions: Question[] = suiteQuestions(6);
const MODEL = 'sim-prm-bas';

interface Extension {
  trace_id: string;
  answer: string | null;
  strategy: { strategy: string; schedule: { b0: number } };
  prm: { name: string; model_version_id: string | null } | null;
  cost: { policy_calls: number; generated_steps: number; prm_scored_steps: number; prm_batches: number; wall_ms: number };
  latency_ms: number;
}

const prmbasOf = (body: unknown) => (body as { prmbas: Extension }).prmbas;

async function traceOf(id: string): Promise<TTrace> {
  const response = await api.request(`/traces/${id}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as TTrace;
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  api = await startServingApi();
  db = databaseOf(api);
  client = new OpenAI({ baseURL: `${api.url}/v1`, apiKey: ADMIN_KEY, maxRetries: 0 });
  v1 = await storeTestMlpVersion(db, 1);
  v2 = await storeTestMlpVersion(db, 2);
  await pointAlias(db, 'production', v1.id);
  await createDeployment(api, { name: MODEL, policy: { kind: 'sim' }, prm: { kind: 'alias', alias: 'production' }, strategy: { strategy: 'prm-bas', schedule: { b0: 4 } } });
  // Slow enough (per policy call) that a stream's events are visibly spread over time.
  await createDeployment(api, { name: 'sim-slow', policy: { kind: 'sim', latencyMs: 40 }, prm: { kind: 'model', modelVersionId: v1.id }, strategy: { strategy: 'prm-bas', schedule: { b0: 2, bMin: 1 }, k: 2 } });
});
afterAll(async () => {
  await db?.$disconnect();
  await api?.close();
});

describe('POST /v1/chat/completions through the openai SDK', () => {
  it('answers as the assistant message, with the trace id and cost record, and stores the whole trace', async () => {
    const question = questions[0]!;
    const completion = await client.chat.completions.create({ model: MODEL, messages: [userMessage(question)] });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe(MODEL);
    const choice = completion.choices[0]!;
    expect(choice.message.role).toBe('assistant');
    expect(choice.finish_reason).toBe('stop');
    expect(choice.message.content).toMatch(/answer/i);
    const ext = prmbasOf(completion);
    expect(completion.id).toBe(`chatcmpl-${ext.trace_id}`);
    expect(ext.strategy).toMatchObject({ strategy: 'prm-bas', schedule: { b0: 4 } });
    expect(ext.prm).toEqual({ name: 'test-mlp', model_version_id: v1.id });
    expect(ext.cost.policy_calls).toBeGreaterThan(0);
    expect(ext.cost.prm_batches).toBeGreaterThan(0);
    expect(ext.answer).not.toBeNull();

    const trace = await traceOf(ext.trace_id);
    expect(trace).toMatchObject({
      id: ext.trace_id,
      deployment: { name: MODEL },
      status: 'succeeded',
      error: null,
      questionText: question.text,
      imageCount: 1,
      strategy: 'prm-bas',
      answer: ext.answer,
      goldAnswer: question.answer,
      correct: ext.answer === question.answer,
      prmModelVersionId: v1.id,
      apiKeyId: expect.any(String),
    });
    expect(trace.solution.join('\n\n')).toBe(choice.message.content);
    expect(trace.tree.length).toBeGreaterThan(trace.solution.length);
    expect(trace.tree.filter((n) => n.score !== null).length).toBe(ext.cost.prm_scored_steps);
    expect(trace.cost).toMatchObject({ policyCalls: ext.cost.policy_calls, prmBatches: ext.cost.prm_batches });
    expect(trace.generatedSteps).toBe(ext.cost.generated_steps);
    expect(trace.latencyMs).toBeGreaterThanOrEqual(0);
    expect((trace.params as { config: { strategy: string } }).config.strategy).toBe('prm-bas');
    // The image is stored as a blob and served back byte for byte.
    expect(trace.images).toHaveLength(1);
    const image = await api.request(trace.images[0]!.url, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await image.arrayBuffer())).toEqual(question.images[0]!.data);
    // The console reads the same trace through tRPC.
    const viaTrpc = await trpcQuery<TTrace>(api, 'traces.get', { id: ext.trace_id }, { bearer: ADMIN_KEY });
    expect(viaTrpc.data?.tree).toEqual(trace.tree);
  });

  it('gives the same search for the same seed, and honours request overrides of the strategy', async () => {
    const question = questions[1]!;
    const a = await client.chat.completions.create({ model: MODEL, messages: [userMessage(question)], seed: 5 });
    const b = await client.chat.completions.create({ model: MODEL, messages: [userMessage(question)], seed: 5 });
    expect(b.choices[0]!.message.content).toBe(a.choices[0]!.message.content);
    expect(prmbasOf(b).cost.generated_steps).toBe(prmbasOf(a).cost.generated_steps);
    const narrow = await client.chat.completions.create({ model: MODEL, messages: [userMessage(question)], prmbas: { strategy: { schedule: { b0: 2 } } } } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(prmbasOf(narrow).strategy.schedule.b0).toBe(2);
    const trace = await traceOf(prmbasOf(narrow).trace_id);
    expect(trace.params).toMatchObject({ overrides: { schedule: { b0: 2 } } });
  });

  it('streams the search events as they happen, then the solution as content deltas, then [DONE]', async () => {
    const question = questions[2]!;
    const stream = await client.chat.completions.create({ model: 'sim-slow', messages: [userMessage(question)], stream: true });
    const chunks: Array<{ at: number; chunk: OpenAI.ChatCompletionChunk & { prmbas?: Record<string, unknown> } }> = [];
    for await (const chunk of stream) chunks.push({ at: performance.now(), chunk });
    const first = chunks[0]!.chunk;
    expect(first.object).toBe('chat.completion.chunk');
    expect(first.choices[0]!.delta.role).toBe('assistant');
    expect(first.prmbas).toMatchObject({ type: 'started', deployment: 'sim-slow' });
    const traceId = first.prmbas!['trace_id'] as string;
    expect(chunks.every(({ chunk }) => chunk.id === `chatcmpl-${traceId}`)).toBe(true);

    const types = chunks.map(({ chunk }) => chunk.prmbas?.['type']).filter(Boolean);
    expect(types).toContain('depth-started');
    expect(types).toContain('candidates-generated');
    expect(types).toContain('candidates-scored');
    expect(types).toContain('beams-selected');
    expect(types.at(-1)).toBe('finished');
    // Events arrive while the search runs: the first depth is announced well before the end.
    const firstEvent = chunks.find(({ chunk }) => chunk.prmbas?.['type'] === 'candidates-scored')!;
    const last = chunks.at(-1)!;
    expect(last.at - firstEvent.at).toBeGreaterThan(40);
    // Content only after the search: the solution's steps.
    const content = chunks.map(({ chunk }) => chunk.choices[0]?.delta.content ?? '').join('');
    const lastEventIndex = chunks.findLastIndex(({ chunk }) => chunk.prmbas?.['type'] === 'beams-selected');
    const firstContentIndex = chunks.findIndex(({ chunk }) => (chunk.choices[0]?.delta.content ?? '') !== '');
    expect(firstContentIndex).toBeGreaterThan(lastEventIndex);
    expect(last.chunk.choices[0]!.finish_reason).toBe('stop');
    expect(last.chunk.prmbas).toMatchObject({ type: 'finished', trace_id: traceId, cost: { policy_calls: expect.any(Number) } });

    const trace = await traceOf(traceId);
    expect(trace.solution.join('\n\n')).toBe(content);
    expect(trace.params).toMatchObject({ stream: true });
    // Every node the stream announced is in the stored tree.
    const streamedNodes = chunks.flatMap(({ chunk }) => (chunk.prmbas?.['type'] === 'candidates-generated' ? (chunk.prmbas['nodes'] as Array<{ id: number }>) : []));
    expect(streamedNodes.map((n) => n.id)).toEqual(trace.tree.map((n) => n.id));
  });

  it('accumulates through the SDK stream helper into an ordinary completion', async () => {
    const runner = client.chat.completions.stream({ model: MODEL, messages: [userMessage(questions[3]!)] });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]!.message.content).toMatch(/answer/i);
  });

  it('serves concurrent requests with the same new image, storing the image once', async () => {
    const [question] = suiteQuestions(1, 99);
    const completions = await Promise.all(Array.from({ length: 6 }, () => client.chat.completions.create({ model: MODEL, messages: [userMessage(question!)] })));
    const ids = completions.map((c) => prmbasOf(c).trace_id);
    expect(new Set(ids).size).toBe(6);
    const images = await db.traceImage.findMany({ where: { traceId: { in: ids } } });
    expect(images).toHaveLength(6);
    expect(new Set(images.map((i) => i.blobId)).size).toBe(1);
  });

  it('cancels the search of a client that goes away, and records it', async () => {
    const controller = new AbortController();
    const stream = await client.chat.completions.create({ model: 'sim-slow', messages: [userMessage(questions[4]!)], stream: true }, { signal: controller.signal });
    let traceId = '';
    let sawContent = false;
    try {
      for await (const chunk of stream) {
        traceId ||= (chunk as { prmbas?: { trace_id?: string } }).prmbas?.trace_id ?? '';
        sawContent ||= (chunk.choices[0]?.delta.content ?? '') !== '';
        if ((chunk as { prmbas?: { type?: string } }).prmbas?.type === 'candidates-generated') controller.abort();
      }
    } catch {
      // The SDK may end the iteration or throw on abort; either way the client is gone.
    }
    expect(traceId).not.toBe('');
    expect(sawContent).toBe(false);
    let row = null;
    for (let i = 0; i < 100 && !row; i++) {
      row = await db.trace.findUnique({ where: { id: traceId } });
      if (!row) await new Promise((r) => setTimeout(r, 50));
    }
    expect(row).toMatchObject({ status: 'failed', error: expect.stringMatching(/^cancelled: the client closed the connection/) });
  });
});

describe('GET /v1/models', () => {
  it('lists the active deployments as models', async () => {
    await createDeployment(api, { name: 'paused-one', policy: { kind: 'sim' }, prm: { kind: 'none' }, strategy: { strategy: 'greedy' }, status: 'paused' });
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    expect(models.map((m) => m.id)).toEqual(expect.arrayContaining([MODEL, 'sim-slow']));
    expect(models.map((m) => m.id)).not.toContain('paused-one');
    expect(models.find((m) => m.id === MODEL)).toMatchObject({ object: 'model', owned_by: 'prmbas', prmbas: { strategy: 'prm-bas' } });
    expect(await client.models.retrieve(MODEL)).toMatchObject({ id: MODEL });
    expect(await errorOf(client.models.retrieve('paused-one'))).toBeInstanceOf(NotFoundError);
  });
});

describe('errors, as the SDK raises them', () => {
  it('401 without a key or with a wrong one', async () => {
    const none = await api.request('/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: MODEL, messages: [] }) });
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { type: string } }).error.type).toBe('authentication_error');
    const wrong = new OpenAI({ baseURL: `${api.url}/v1`, apiKey: 'pb_not-a-key-of-this-server-at-all-000000000', maxRetries: 0 });
    const error = await errorOf(wrong.chat.completions.create({ model: MODEL, messages: [userMessage(questions[0]!)] }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(await errorOf(wrong.models.list())).toBeInstanceOf(AuthenticationError);
  });

  it('403 for a key without the inference scope', async () => {
    const admin = await trpcMutation<{ user: unknown }>(api, 'auth.signIn', { email: 'root@example.com', password: 'correct horse battery' });
    const cookie = admin.setCookie!.split(';')[0]!;
    const created = await trpcMutation<TCreateApiKeyResponse>(api, 'auth.apiKeys.create', { name: 'reader', scopes: ['read'] }, { cookie });
    const reader = new OpenAI({ baseURL: `${api.url}/v1`, apiKey: created.data!.key, maxRetries: 0 });
    const error = await errorOf(reader.chat.completions.create({ model: MODEL, messages: [userMessage(questions[0]!)] }));
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as PermissionDeniedError).message).toContain("'inference' scope");
    // An inference-only key serves, and cannot read traces.
    const inference = await trpcMutation<TCreateApiKeyResponse>(api, 'auth.apiKeys.create', { name: 'serving', scopes: ['inference'] }, { cookie });
    const served = await new OpenAI({ baseURL: `${api.url}/v1`, apiKey: inference.data!.key, maxRetries: 0 }).chat.completions.create({ model: MODEL, messages: [userMessage(questions[0]!)] });
    const traceRead = await api.request(`/traces/${prmbasOf(served).trace_id}`, { headers: { authorization: `Bearer ${inference.data!.key}` } });
    expect(traceRead.status).toBe(403);
  });

  it('404 naming `model` for an unknown deployment', async () => {
    const error = await errorOf(client.chat.completions.create({ model: 'no-such-deployment', messages: [userMessage(questions[0]!)] }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found', param: 'model', type: 'not_found_error' });
  });

  it('400 naming the field of a bad message part', async () => {
    const question = questions[0]!;
    const cases: Array<[unknown, string]> = [
      [[{ type: 'input_audio', input_audio: { data: 'x', format: 'wav' } }], 'messages.0.content.0'],
      [[{ type: 'text', text: question.text }, { type: 'image_url', image_url: { url: 'https://example.com/chart.png' } }], 'messages.0.content.1.image_url.url'],
      [[{ type: 'text', text: 'q' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,not base64!!' } }], 'messages.0.content.1.image_url.url'],
      [[{ type: 'image_url', image_url: { url: dataUrl('image/png', new TextEncoder().encode('GIF89a not a png')) } }], 'messages.0.content.0.image_url.url'],
      [[{ type: 'image_url', image_url: {} }], 'messages.0.content.0.image_url.url'],
    ];
    for (const [content, param] of cases) {
      const error = await errorOf(client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content }] } as never));
      expect(error, param).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).param, JSON.stringify(content).slice(0, 80)).toMatch(new RegExp(`^${param.replaceAll('.', '\\.')}`));
      expect((error as BadRequestError).message).toContain(param);
    }
    const noUser = await errorOf(client.chat.completions.create({ model: MODEL, messages: [{ role: 'system', content: 'be brief' }] }));
    expect(noUser).toMatchObject({ status: 400, param: 'messages' });
    const manyAnswers = await errorOf(client.chat.completions.create({ model: MODEL, messages: [userMessage(question)], n: 2 }));
    expect(manyAnswers).toMatchObject({ status: 400, param: 'n' });
  });

  it('422 for an image the simulated policy cannot read', async () => {
    const plain = new Raster(32, 32).toPng();
    const error = await errorOf(
      client.chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'How many bars?' }, { type: 'image_url', image_url: { url: dataUrl('image/png', plain) } }] }],
      }),
    );
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({ param: 'messages.0.content.1.image_url.url', code: 'unsupported_image' });
    expect((error as UnprocessableEntityError).message).toMatch(/simulated policy.*only read images of the built-in synthetic suite/);
    const textOnly = await errorOf(client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'What is 2 + 2?' }] }));
    expect(textOnly).toMatchObject({ status: 422, param: 'messages' });
  });
});

describe('PRM versions', () => {
  it('an alias move changes the PRM version the next request is served with', async () => {
    const question = questions[5]!;
    const before = await client.chat.completions.create({ model: MODEL, messages: [userMessage(question)], seed: 1 });
    expect(prmbasOf(before).prm?.model_version_id).toBe(v1.id);
    await pointAlias(db, 'production', v2.id);
    const after = await client.chat.completions.create({ model: MODEL, messages: [userMessage(question)], seed: 1 });
    expect(prmbasOf(after).prm?.model_version_id).toBe(v2.id);
    const [t1, t2] = await Promise.all([traceOf(prmbasOf(before).trace_id), traceOf(prmbasOf(after).trace_id)]);
    expect(t1.prmModelVersionId).toBe(v1.id);
    expect(t2.prmModelVersionId).toBe(v2.id);
    // Same seed, same first candidates; other weights, other scores.
    const firstScores = (t: TTrace) => t.tree.filter((n) => n.depth === 0).map((n) => n.score);
    expect(t2.tree.filter((n) => n.depth === 0).map((n) => n.text)).toEqual(t1.tree.filter((n) => n.depth === 0).map((n) => n.text));
    expect(firstScores(t2)).not.toEqual(firstScores(t1));
    expect(api.app.get(DeploymentResolver).loadedVersions()).toEqual(expect.arrayContaining([v1.id, v2.id]));
    await pointAlias(db, 'production', v1.id);
  });
});

/**
 * `suite.findQuestions` against the real server: pages of generated synth questions (the same
 * ones `@prmbas/tasks` gives, PNG bytes included), bounds naming the field, the viewer role, and a
 * question asked exactly as returned being scored against its gold answer in the stored trace.
 */
import type { TFindSuiteQuestionsResponse, TTrace } from '@prmbas/contracts';
import { generateQuestion } from '@prmbas/tasks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, TEST_ADMIN, userWithRole } from '../testing/auth-helpers';
import { ADMIN_KEY, createDeployment, startServingApi } from '../testing/serving-fixtures';
import type { TestApi } from '../testing/test-api';
import { trpcQuery } from '../testing/trpc-http';

let api: TestApi;
let viewer: string;

beforeAll(async () => {
  api = await startServingApi();
  const admin = await signIn(api, TEST_ADMIN.email, TEST_ADMIN.password);
  viewer = (await userWithRole(api, admin, 'viewer')).cookie;
});
afterAll(async () => {
  await api?.close();
});

const find = (input: unknown, credentials: { cookie?: string; bearer?: string } = { cookie: viewer }) =>
  trpcQuery<TFindSuiteQuestionsResponse>(api, 'suite.findQuestions', input, credentials);

describe('suite.findQuestions', () => {
  it('gives a viewer a page of generated questions: text, choices, gold answer and the PNG as a data URL', async () => {
    const reply = await find({ seed: 5, offset: 3, limit: 4 });
    expect(reply.error).toBeUndefined();
    const page = reply.data!;
    expect(page.seed).toBe(5);
    expect(page.nextOffset).toBe(7);
    expect(page.items.map((q) => q.id)).toEqual(['synth-5-3', 'synth-5-4', 'synth-5-5', 'synth-5-6']);
    for (const item of page.items) {
      const expected = generateQuestion(5, item.index);
      expect(item).toMatchObject({ seed: 5, text: expected.text, answer: expected.answer, answerType: expected.answerType, choices: expected.choices ?? [], family: expected.meta.family });
      expect(item.question).toBe(expected.meta.question);
      expect(item.images).toHaveLength(1);
      const image = item.images[0]!;
      expect(image.mime).toBe('image/png');
      expect(image.dataUrl.startsWith('data:image/png;base64,')).toBe(true);
      const bytes = Buffer.from(image.dataUrl.slice('data:image/png;base64,'.length), 'base64');
      expect(bytes.equals(Buffer.from(expected.images[0]!.data))).toBe(true);
      expect(image.byteSize).toBe(bytes.length);
    }
  });

  it('defaults to seed 0 from the first question, 12 at a time, and is the same on every call', async () => {
    const [a, b] = await Promise.all([find({}), find({ seed: 0, offset: 0, limit: 12 })]);
    expect(a.data!.items.map((q) => q.id)).toEqual(Array.from({ length: 12 }, (_, i) => `synth-0-${i}`));
    expect(a.data).toEqual(b.data);
    expect(a.data!.nextOffset).toBe(12);
  });

  it('ends at the last index: a short page and no next offset', async () => {
    const reply = await find({ seed: 1, offset: 999_999, limit: 5 });
    expect(reply.data!.items.map((q) => q.index)).toEqual([999_999, 1_000_000]);
    expect(reply.data!.nextOffset).toBeNull();
  });

  it('answers 400 naming the field for a bad seed, offset or limit', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ seed: 1.5 }, 'seed'],
      [{ seed: -1 }, 'seed'],
      [{ seed: 'seven' }, 'seed'],
      [{ seed: 2 ** 31 }, 'seed'],
      [{ offset: -1 }, 'offset'],
      [{ offset: 1_000_001 }, 'offset'],
      [{ offset: 0.5 }, 'offset'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 25 }, 'limit'],
    ];
    for (const [input, param] of cases) {
      const reply = await find(input);
      expect(reply.status, JSON.stringify(input)).toBe(400);
      expect(reply.error?.data.param, JSON.stringify(input)).toBe(param);
      expect(reply.error?.message).toMatch(/must be an integer in \[/);
    }
  });

  it('needs a signed-in caller', async () => {
    const reply = await find({}, {});
    expect(reply.status).toBe(401);
  });

  it('returns questions the serving API takes as they are, and scores against the same gold answer', async () => {
    await createDeployment(api, { name: 'suite-greedy', policy: { kind: 'sim' }, prm: { kind: 'none' }, strategy: { strategy: 'greedy' } });
    const question = (await find({ seed: 9, offset: 0, limit: 2 })).data!.items[1]!;
    const response = await api.request('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'suite-greedy',
        messages: [{ role: 'user', content: [{ type: 'text', text: question.text }, { type: 'image_url', image_url: { url: question.images[0]!.dataUrl } }] }],
        prmbas: { answer_type: question.answerType, ...(question.choices.length ? { choices: question.choices } : {}) },
      }),
    });
    expect(response.status).toBe(200);
    const completion = (await response.json()) as { prmbas: { trace_id: string; answer: string | null } };
    const trace = (await trpcQuery<TTrace>(api, 'traces.get', { id: completion.prmbas.trace_id }, { cookie: viewer })).data!;
    expect(trace).toMatchObject({ status: 'succeeded', questionText: question.text, goldAnswer: question.answer, correct: completion.prmbas.answer === question.answer });
  });
});

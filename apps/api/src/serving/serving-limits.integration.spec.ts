/**
 * Limits of the serving API on a server configured tight: the body limit (413), the per-key rate
 * limit (429 with Retry-After and OpenAI's x-ratelimit headers), and the image size limit (400).
 */
import type { PrismaClient } from '@prmbas/db';
import OpenAI, { APIError, RateLimitError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCreateApiKeyResponse } from '@prmbas/contracts';
import { databaseOf, signIn, TEST_ADMIN } from '../testing/auth-helpers';
import { trpcMutation } from '../testing/trpc-http';
import { ADMIN_KEY, createDeployment, dataUrl, startServingApi, suiteQuestions, userMessage } from '../testing/serving-fixtures';
import type { TestApi } from '../testing/test-api';

let api: TestApi;
let db: PrismaClient;
let client: OpenAI;
const [question] = suiteQuestions(1);

beforeAll(async () => {
  api = await startServingApi({ BODY_LIMIT: '64kb', SERVING_MAX_IMAGE_BYTES: '8kb', SERVING_RATE_LIMIT_RPM: '6', SERVING_RATE_LIMIT_BURST: '3' });
  db = databaseOf(api);
  client = new OpenAI({ baseURL: `${api.url}/v1`, apiKey: ADMIN_KEY, maxRetries: 0 });
  await createDeployment(api, { name: 'greedy-sim', policy: { kind: 'sim' }, prm: { kind: 'none' }, strategy: { strategy: 'greedy' } });
});
afterAll(async () => {
  await db?.$disconnect();
  await api?.close();
});

describe('serving limits', () => {
  it('413 for a body over BODY_LIMIT, before any search', async () => {
    const huge = dataUrl('image/png', new Uint8Array(80 * 1024));
    const error = await client.chat.completions
      .create({ model: 'greedy-sim', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: huge } }] }] })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 413, type: 'invalid_request_error', code: 'payload_too_large' });
    expect((error as APIError).message).toContain('64 KB');
  });

  it('400 naming the image for one over SERVING_MAX_IMAGE_BYTES', async () => {
    const big = dataUrl('image/png', new Uint8Array(20 * 1024));
    const response = await api.request('/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'greedy-sim', messages: [{ role: 'user', content: [{ type: 'text', text: 'q' }, { type: 'image_url', image_url: { url: big } }] }] }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string; code: string } }).error).toMatchObject({ param: 'messages.0.content.1.image_url.url', code: 'image_too_large' });
  });

  it('429 with Retry-After once a key spends its burst; other keys are not affected', async () => {
    // Burst 3: the 400 above took one token (the 413 was refused before authentication).
    const statuses: number[] = [];
    let limited: RateLimitError | undefined;
    for (let i = 0; i < 4; i++) {
      const outcome = await client.chat.completions.create({ model: 'greedy-sim', messages: [userMessage(question!)] }).then(
        (c) => ({ status: 200, completion: c }),
        (e: unknown) => ({ status: (e as APIError).status ?? 0, error: e }),
      );
      statuses.push(outcome.status);
      if ('error' in outcome && outcome.error instanceof RateLimitError) limited = outcome.error;
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses[0]).toBe(200);
    expect(limited).toBeDefined();
    const retryAfter = Number(limited!.headers?.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect(limited).toMatchObject({ code: 'rate_limit_exceeded', type: 'rate_limit_error' });
    expect(limited!.headers?.get('x-ratelimit-limit-requests')).toBe('6');
    expect(limited!.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
    // Refused requests store no trace (they never reached the search).
    expect(await db.trace.count({ where: { status: 'succeeded' } })).toBe(statuses.filter((s) => s === 200).length);
    // Another key of the same user has its own bucket.
    const cookie = await signIn(api, TEST_ADMIN.email, TEST_ADMIN.password);
    const other = await trpcMutation<TCreateApiKeyResponse>(api, 'auth.apiKeys.create', { name: 'other', scopes: ['inference'] }, { cookie });
    const otherClient = new OpenAI({ baseURL: `${api.url}/v1`, apiKey: other.data!.key, maxRetries: 0 });
    const served = await otherClient.chat.completions.create({ model: 'greedy-sim', messages: [userMessage(question!)] });
    expect(served.choices[0]!.finish_reason).toBe('stop');
  });
});

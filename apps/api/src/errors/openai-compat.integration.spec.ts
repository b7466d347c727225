import OpenAI, { APIError, NotFoundError, RateLimitError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeModule } from '../testing/probe.module';
import { startTestApi, type TestApi } from '../testing/test-api';

let api: TestApi;
let client: OpenAI;

beforeAll(async () => {
  api = await startTestApi({ imports: [ProbeModule] });
  client = new OpenAI({ baseURL: `${api.url}/v1`, apiKey: 'sk-test', maxRetries: 0 });
});
afterAll(() => api?.close());

describe('errors as the official openai SDK sees them', () => {
  it('reads our 404 as a NotFoundError with type, code and request id', async () => {
    const error = await client.get('/nowhere').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    const apiError = error as NotFoundError;
    expect(apiError.status).toBe(404);
    expect(apiError.type).toBe('not_found_error');
    expect(apiError.code).toBe('not_found');
    expect(apiError.param).toBeNull();
    expect(apiError.requestID).toMatch(/^[0-9a-f-]{36}$/);
    expect(apiError.message).toContain('Cannot GET /v1/nowhere');
  });

  it('reads a 429 as a RateLimitError carrying Retry-After', async () => {
    const root = new OpenAI({ baseURL: api.url, apiKey: 'sk-test', maxRetries: 0 });
    const error = await root.get('/__probe/error/rate_limited').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as APIError).headers?.get('retry-after')).toBe('7');
    expect((error as APIError).code).toBe('rate_limit_exceeded');
  });
});

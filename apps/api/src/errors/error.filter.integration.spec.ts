import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeModule } from '../testing/probe.module';
import { startTestApi, type TestApi } from '../testing/test-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ imports: [ProbeModule], env: { BODY_LIMIT: '1kb' }, captureLogs: true });
});
afterAll(() => api?.close());

async function errorOf(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  return body.error;
}

const postJson = (body: string, headers: Record<string, string> = {}) =>
  ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }) satisfies RequestInit;

describe('error mapping over HTTP', () => {
  it('answers malformed JSON with 400 invalid_json', async () => {
    const response = await api.request('/__probe/echo', postJson('{"name": '));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json', param: null });
  });

  it('answers a body over BODY_LIMIT with 413 saying the limit', async () => {
    const response = await api.request('/__probe/echo', postJson(JSON.stringify({ name: 'x'.repeat(2048) })));
    expect(response.status).toBe(413);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code: 'payload_too_large', type: 'invalid_request_error' });
    expect(error.message).toBe('Request body is larger than the limit of 1 KB.');
  });

  it('answers unknown routes with a 404 JSON error', async () => {
    const response = await api.request('/v1/nothing-here?x=1');
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ type: 'not_found_error', code: 'not_found', message: 'Cannot GET /v1/nothing-here?x=1' });
  });

  it('answers a schema violation with 400 naming the field', async () => {
    const response = await api.request('/__probe/echo', postJson(JSON.stringify({ name: 'ok', steps: [{ text: 'a', score: 2 }] })));
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error).toMatchObject({ type: 'invalid_request_error', code: 'validation_error', param: 'steps.0.score' });
    expect(error.message).toMatch(/^Invalid request body: steps\.0\.score: Too big/);
    expect(error.issues).toEqual([expect.objectContaining({ path: 'steps.0.score', code: 'too_big' })]);
  });

  it('answers a missing body with 400', async () => {
    const response = await api.request('/__probe/echo', { method: 'POST' });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/^Invalid request body: /);
  });

  it('validates query parameters declared with a schema, naming them', async () => {
    expect(await (await api.request('/__probe/items?limit=20')).json()).toEqual({ limit: 20 });
    const response = await api.request('/__probe/items?limit=1000');
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ param: 'limit', code: 'validation_error' });
  });

  it('returns parsed (defaulted) bodies to the handler', async () => {
    const response = await api.request('/__probe/echo', postJson(JSON.stringify({ name: 'ok' })));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ name: 'ok', steps: [] });
  });

  it.each([
    ['validation', 400, 'invalid_request_error'],
    ['unprocessable', 422, 'invalid_request_error'],
    ['unauthorized', 401, 'authentication_error'],
    ['forbidden', 403, 'permission_error'],
    ['not_found', 404, 'not_found_error'],
    ['conflict', 409, 'conflict_error'],
    ['payload_too_large', 413, 'invalid_request_error'],
    ['rate_limited', 429, 'rate_limit_error'],
    ['unavailable', 503, 'service_unavailable_error'],
  ])('maps a thrown AppError %s to %d', async (kind, status, type) => {
    const response = await api.request(`/__probe/error/${kind}`);
    expect(response.status).toBe(status);
    const error = await errorOf(response);
    expect(error.type).toBe(type);
    expect(error.request_id).toBe(response.headers.get('x-request-id'));
    if (kind === 'validation') expect(error.param).toBe('probe.field');
    if (kind === 'rate_limited') expect(response.headers.get('retry-after')).toBe('7');
  });

  it('answers an unexpected throw with 500, the request id, and neither message nor stack', async () => {
    const response = await api.request('/__probe/boom', { headers: { 'x-request-id': 'boom-1' } });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/hunter2|postgres|at .*\.ts|stack/);
    expect(JSON.parse(text)).toEqual({
      error: {
        message: 'Internal server error (request id boom-1).',
        type: 'server_error',
        param: null,
        code: 'internal_error',
        request_id: 'boom-1',
      },
    });
  });

  it('logs the unexpected error with its stack on the request line', async () => {
    await api.request('/__probe/boom', { headers: { 'x-request-id': 'boom-2' } });
    const line = api.logs().find((l) => l.reqId === 'boom-2');
    expect(line).toMatchObject({ level: 50, msg: 'GET /__probe/boom 500' });
    const err = line?.err as { message: string; stack: string };
    expect(err.message).toBe('connection to postgres://admin:[redacted]@db failed');
    expect(JSON.stringify(line)).not.toContain('hunter2');
    expect(err.stack).toMatch(/probe\.module\.ts/);
  });
});

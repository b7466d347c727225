import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/test-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ captureLogs: true });
});
afterAll(() => api?.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids and request logs', () => {
  it('echoes a sane incoming x-request-id', async () => {
    const response = await api.request('/healthz', { headers: { 'x-request-id': 'req_abc-123' } });
    expect(response.headers.get('x-request-id')).toBe('req_abc-123');
  });

  it('generates an id when none (or a hostile one) is sent', async () => {
    expect((await api.request('/healthz')).headers.get('x-request-id')).toMatch(UUID);
    const hostile = await api.request('/healthz', { headers: { 'x-request-id': 'x'.repeat(200) } });
    expect(hostile.headers.get('x-request-id')).toMatch(UUID);
  });

  it('writes one structured line per request, with its id and no secrets', async () => {
    await api.request('/nope', {
      headers: { 'x-request-id': 'log-1', authorization: 'Bearer sk-secret-123', cookie: 'session=abc', 'x-api-key': 'k-1' },
    });
    const lines = api.logs().filter((l) => l.reqId === 'log-1');
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ level: 40, msg: 'GET /nope 404', service: 'api', res: { statusCode: 404 } });
    expect(line?.responseTime).toEqual(expect.any(Number));
    const headers = (line?.req as { headers: Record<string, string> }).headers;
    expect(headers).toMatchObject({ authorization: '[redacted]', cookie: '[redacted]', 'x-api-key': '[redacted]' });
    expect(JSON.stringify(api.logs())).not.toMatch(/sk-secret-123|session=abc|k-1"/);
  });

  it('logs probe successes at debug, so they stay out of info logs', async () => {
    await api.request('/healthz', { headers: { 'x-request-id': 'probe-1' } });
    expect(api.logs().filter((l) => l.reqId === 'probe-1')).toEqual([]);
  });
});

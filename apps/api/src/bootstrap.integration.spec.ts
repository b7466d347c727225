import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from './bootstrap';
import { ConfigError } from './config/config-error';
import { startTestApi, type TestApi } from './testing/test-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ env: { CONSOLE_PORT: '3400' } });
});
afterAll(() => api?.close());

describe('bootstrap()', () => {
  it('listens on a free port of 127.0.0.1 and says where', () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(api.url).not.toMatch(/:0$/);
  });

  it('throws ConfigError on a bad environment, before listening', async () => {
    await expect(bootstrap({ env: { API_PORT: '-1' } })).rejects.toBeInstanceOf(ConfigError);
  });

  it('allows the console origin through CORS, and exposes the request id', async () => {
    const preflight = await api.request('/healthz', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3400', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3400');
    const response = await api.request('/healthz', { headers: { origin: 'http://localhost:3400' } });
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });

  it('does not allow other origins', async () => {
    const response = await api.request('/healthz', { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('does not advertise Express', async () => {
    expect((await api.request('/healthz')).headers.get('x-powered-by')).toBeNull();
  });
});

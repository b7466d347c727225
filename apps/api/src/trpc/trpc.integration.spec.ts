import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthService } from '../auth/auth.service';
import { ADMIN_ENV, signIn, TEST_ADMIN } from '../testing/auth-helpers';
import { startTestApi, type TestApi } from '../testing/test-api';

let api: TestApi;
let admin: string;

beforeAll(async () => {
  api = await startTestApi({ env: { ...ADMIN_ENV, CONSOLE_PORT: '3400' }, captureLogs: true });
  admin = await signIn(api, TEST_ADMIN.email, TEST_ADMIN.password);
});
afterAll(() => api?.close());

type Body = { result?: { data: unknown }; error?: { message: string; data: { code: string; requestId: string | null } } };

describe('tRPC at /trpc', () => {
  it('answers batched calls (the console batches its queries)', async () => {
    const input = encodeURIComponent(JSON.stringify({ 0: null, 1: { limit: 1 } }));
    const response = await api.request(`/trpc/auth.me,auth.users.find?batch=1&input=${input}`, { headers: { cookie: admin } });
    expect(response.status).toBe(200);
    const [me, users] = (await response.json()) as Body[];
    expect(me?.result?.data).toMatchObject({ user: { email: TEST_ADMIN.email } });
    expect(users?.result?.data).toMatchObject({ items: [{ email: TEST_ADMIN.email }] });
  });

  it('answers an unknown procedure with 404 and a query sent as POST with 405', async () => {
    expect((await api.request('/trpc/auth.nothing')).status).toBe(404);
    const post = await api.request('/trpc/auth.me', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(405);
  });

  it('turns an unexpected failure into a 500 without details, logged with the request id', async () => {
    const spy = vi.spyOn(api.app.get(AuthService), 'findUsers').mockRejectedValueOnce(new Error('connection to postgres://u:hunter2@db lost'));
    const response = await api.request('/trpc/auth.users.find?input=%7B%7D', { headers: { cookie: admin } });
    spy.mockRestore();
    expect(response.status).toBe(500);
    const body = (await response.json()) as Body;
    expect(body.error?.message).toBe('Internal server error.');
    expect(JSON.stringify(body)).not.toContain('hunter2');
    const requestId = response.headers.get('x-request-id');
    expect(body.error?.data.requestId).toBe(requestId);
    const line = api.logs().find((l) => l['reqId'] === requestId || (l['req'] as { id?: string } | undefined)?.id === requestId);
    expect(JSON.stringify(line)).toContain('connection to postgres');
  });

  it("lets the console's origin call with its cookie (CORS with credentials)", async () => {
    const preflight = await api.request('/trpc/auth.signIn', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3400', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:3400');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
  });
});

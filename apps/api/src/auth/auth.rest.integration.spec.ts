import { Controller, Get, Module, Post } from '@nestjs/common';
import type { Actor, TCreateApiKeyResponse } from '@prmbas/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ENV, signIn, TEST_ADMIN, userWithRole } from '../testing/auth-helpers';
import { startTestApi, type TestApi } from '../testing/test-api';
import { trpcMutation } from '../testing/trpc-http';
import { Auth, CurrentActor } from './auth.decorators';

/** Routes guarded as a domain module would guard them. */
@Controller('__auth_probe')
class GuardedController {
  @Get('admin')
  @Auth({ role: 'admin' })
  admin(@CurrentActor() actor: Actor) {
    return { email: actor.user.email };
  }

  @Post('infer')
  @Auth({ scope: 'inference' })
  infer(@CurrentActor() actor: Actor) {
    return { via: actor.credential.type };
  }

  @Post('write')
  @Auth({ role: 'researcher' })
  write() {
    return { ok: true };
  }
}

@Module({ controllers: [GuardedController] })
class GuardedModule {}

let api: TestApi;
let admin: string;

beforeAll(async () => {
  api = await startTestApi({ env: ADMIN_ENV, imports: [GuardedModule] });
  admin = await signIn(api, TEST_ADMIN.email, TEST_ADMIN.password);
});
afterAll(() => api?.close());

async function key(cookie: string, scopes: string[]): Promise<string> {
  const reply = await trpcMutation<TCreateApiKeyResponse>(api, 'auth.apiKeys.create', { name: 'rest', scopes }, { cookie });
  return reply.data!.key;
}

const bearer = (k: string) => ({ authorization: `Bearer ${k}` });

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { message: string; type: string; code: string } }).error;
}

describe('REST routes behind @Auth', () => {
  it('GET /auth/me answers the caller for a key or a session, 401 (OpenAI-style body) otherwise', async () => {
    const adminKey = await key(admin, ['read']);
    const byKey = await api.request('/auth/me', { headers: bearer(adminKey) });
    expect(byKey.status).toBe(200);
    expect(await byKey.json()).toMatchObject({ user: { email: TEST_ADMIN.email }, credential: { type: 'api_key', scopes: ['read'] } });
    const bySession = await api.request('/auth/me', { headers: { cookie: admin } });
    expect(await bySession.json()).toMatchObject({ credential: { type: 'session' } });

    const anonymous = await api.request('/auth/me');
    expect(anonymous.status).toBe(401);
    expect(await errorOf(anonymous)).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });
    const wrong = await api.request('/auth/me', { headers: bearer('pb_wrong') });
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).message).toBe('Invalid API key.');
  });

  it('answers 403 for a role too low, and passes the role or higher', async () => {
    const { cookie } = await userWithRole(api, admin, 'researcher');
    const low = await api.request('/__auth_probe/admin', { headers: { cookie } });
    expect(low.status).toBe(403);
    expect(await errorOf(low)).toMatchObject({ type: 'permission_error' });
    expect((await api.request('/__auth_probe/write', { method: 'POST', headers: { cookie } })).status).toBe(201);
    const viewer = await userWithRole(api, admin, 'viewer');
    expect((await api.request('/__auth_probe/write', { method: 'POST', headers: { cookie: viewer.cookie } })).status).toBe(403);
    const ok = await api.request('/__auth_probe/admin', { headers: { cookie: admin } });
    expect(await ok.json()).toEqual({ email: TEST_ADMIN.email });
  });

  it("answers 403 for a key without the route's scope; sessions have every scope", async () => {
    const readKey = await key(admin, ['read']);
    const refused = await api.request('/__auth_probe/infer', { method: 'POST', headers: bearer(readKey) });
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toMatchObject({ code: 'insufficient_scope', message: "This API key lacks the 'inference' scope." });
    const inferenceKey = await key(admin, ['inference']);
    expect(await (await api.request('/__auth_probe/infer', { method: 'POST', headers: bearer(inferenceKey) })).json()).toEqual({ via: 'api_key' });
    expect(await (await api.request('/__auth_probe/infer', { method: 'POST', headers: { cookie: admin } })).json()).toEqual({ via: 'session' });
    // An admin route with a key needs the admin scope too.
    expect((await api.request('/__auth_probe/admin', { headers: bearer(readKey) })).status).toBe(403);
    expect((await api.request('/__auth_probe/admin', { headers: bearer(await key(admin, ['admin'])) })).status).toBe(200);
  });

  it('documents both schemes in OpenAPI', async () => {
    const doc = (await (await api.request('/docs/json')).json()) as { paths: Record<string, { get?: { security?: unknown[] } }>; components: { securitySchemes: Record<string, unknown> } };
    expect(Object.keys(doc.components.securitySchemes)).toEqual(expect.arrayContaining(['bearer', 'session']));
    expect(doc.paths['/auth/me']?.get?.security).toEqual(expect.arrayContaining([{ bearer: [] }, { session: [] }]));
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/trpc'))).toBe(false);
  });
});

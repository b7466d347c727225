import type { TApiKey, TCreateApiKeyResponse, TFindApiKeysResponse, TGetMeResponse } from '@prmbas/contracts';
import type { PrismaClient } from '@prmbas/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ENV, databaseOf, signIn, TEST_ADMIN, userWithRole } from '../testing/auth-helpers';
import { startTestApi, type TestApi } from '../testing/test-api';
import { trpcMutation, trpcQuery } from '../testing/trpc-http';
import { sha256Hex } from './secret-tokens';

let api: TestApi;
let db: PrismaClient;
let admin: string;

beforeAll(async () => {
  api = await startTestApi({ env: ADMIN_ENV });
  db = databaseOf(api);
  admin = await signIn(api, TEST_ADMIN.email, TEST_ADMIN.password);
});
afterAll(async () => {
  await db?.$disconnect();
  await api?.close();
});

async function createKey(cookie: string, scopes: string[], name = 'script') {
  const reply = await trpcMutation<TCreateApiKeyResponse>(api, 'auth.apiKeys.create', { name, scopes }, { cookie });
  expect(reply.error).toBeUndefined();
  return reply.data!;
}

describe('API keys', () => {
  it('create → use → last used moves (throttled) → revoke → 401; the key is never stored in clear', async () => {
    const { cookie, user } = await userWithRole(api, admin, 'researcher');
    const { key, apiKey } = await createKey(cookie, ['read', 'write']);
    expect(key).toMatch(/^pb_[\w-]{43}$/);
    expect(apiKey).toMatchObject({ prefix: key.slice(0, 11), scopes: ['read', 'write'], owner: { id: user.id }, lastUsedAt: null, revokedAt: null });

    // The row holds the sha256 and the prefix, nothing else of the key.
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.keyHash).toBe(sha256Hex(key));
    expect(JSON.stringify(row)).not.toContain(key.slice(11));
    const created = await db.auditLog.findFirstOrThrow({ where: { action: 'api_key.create', entityId: apiKey.id } });
    expect(created).toMatchObject({ actorUserId: user.id, actor: `user:${user.email}` });
    expect(JSON.stringify(created)).not.toContain(key.slice(11));
    expect((created.after as Record<string, unknown>)['keyHash']).toBe('[redacted]');

    // The key works, as its owner.
    const me = await trpcQuery<TGetMeResponse>(api, 'auth.me', undefined, { bearer: key });
    expect(me.data).toMatchObject({ user: { id: user.id }, credential: { type: 'api_key', apiKeyId: apiKey.id, prefix: apiKey.prefix, scopes: ['read', 'write'] } });
    const firstUse = (await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt;
    expect(firstUse).not.toBeNull();

    // Within the throttle window another use writes nothing.
    await trpcQuery(api, 'auth.apiKeys.find', {}, { bearer: key });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt).toEqual(firstUse);

    // Once the window has passed the next use moves it (and lists show it).
    const longAgo = new Date(Date.now() - 5 * 60_000);
    await db.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: longAgo } });
    const listed = await trpcQuery<TFindApiKeysResponse>(api, 'auth.apiKeys.find', {}, { bearer: key });
    const moved = (await db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt!;
    expect(moved.getTime()).toBeGreaterThan(longAgo.getTime() + 60_000);
    expect(listed.data?.items.find((k) => k.id === apiKey.id)?.lastUsedAt).toBe(moved.toISOString());

    // Revoke: audited, then 401 naming the reason.
    const revoked = await trpcMutation<TApiKey>(api, 'auth.apiKeys.revoke', { apiKeyId: apiKey.id }, { cookie });
    expect(revoked.data?.revokedAt).not.toBeNull();
    expect(await db.auditLog.count({ where: { action: 'api_key.revoke', entityId: apiKey.id } })).toBe(1);
    const refused = await trpcQuery(api, 'auth.apiKeys.find', {}, { bearer: key });
    expect(refused.status).toBe(401);
    expect(refused.error?.message).toBe(`The API key ${apiKey.prefix}… was revoked.`);
    // Revoking again is no error and no new audit row.
    expect((await trpcMutation(api, 'auth.apiKeys.revoke', { apiKeyId: apiKey.id }, { cookie })).status).toBe(200);
    expect(await db.auditLog.count({ where: { action: 'api_key.revoke', entityId: apiKey.id } })).toBe(1);
  });

  it('answers 401 for a missing, unknown or malformed key', async () => {
    expect((await trpcQuery(api, 'auth.apiKeys.find', {})).status).toBe(401);
    const unknown = await trpcQuery(api, 'auth.apiKeys.find', {}, { bearer: 'pb_thisKeyDoesNotExistAnywhere0000000000000' });
    expect(unknown.status).toBe(401);
    expect(unknown.error?.message).toBe('Invalid API key.');
    const malformed = await api.request('/trpc/auth.apiKeys.find?input=%7B%7D', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(malformed.status).toBe(401);
  });

  it('bounds keys by scope (403): read keys cannot mutate, keys cannot mint broader keys', async () => {
    const { cookie } = await userWithRole(api, admin, 'researcher');
    const readOnly = await createKey(cookie, ['read']);
    const denied = await trpcMutation(api, 'auth.apiKeys.create', { name: 'more', scopes: ['read'] }, { bearer: readOnly.key });
    expect(denied.status).toBe(403);
    expect(denied.error?.message).toBe("This API key lacks the 'write' scope.");
    const writer = await createKey(cookie, ['write']);
    const broader = await trpcMutation(api, 'auth.apiKeys.create', { name: 'more', scopes: ['inference'] }, { bearer: writer.key });
    expect(broader.status).toBe(403);
    expect(broader.error?.data.param).toBe('scopes');
    expect((await trpcMutation(api, 'auth.apiKeys.create', { name: 'narrower', scopes: ['read'] }, { bearer: writer.key })).status).toBe(200);
  });

  it("bounds keys by the owner's role: only admins get the admin scope, and an admin key needs it for admin procedures", async () => {
    const { cookie } = await userWithRole(api, admin, 'researcher');
    const escalate = await trpcMutation(api, 'auth.apiKeys.create', { name: 'x', scopes: ['admin'] }, { cookie });
    expect(escalate.status).toBe(403);
    expect(escalate.error?.data.param).toBe('scopes');

    const adminRead = await createKey(admin, ['read']);
    const find = await trpcQuery(api, 'auth.users.find', {}, { bearer: adminRead.key });
    expect(find.status).toBe(403);
    expect(find.error?.message).toBe("This API key lacks the 'admin' scope.");
    const adminKey = await createKey(admin, ['admin']);
    expect((await trpcQuery(api, 'auth.users.find', {}, { bearer: adminKey.key })).status).toBe(200);
  });

  it("lists one's own keys; only admins see others' and revoke them; others' keys are 404", async () => {
    const alice = await userWithRole(api, admin, 'annotator');
    const bob = await userWithRole(api, admin, 'annotator');
    const aliceKey = await createKey(alice.cookie, ['read'], 'alice key');
    await createKey(bob.cookie, ['read'], 'bob key');

    const mine = await trpcQuery<TFindApiKeysResponse>(api, 'auth.apiKeys.find', {}, { cookie: alice.cookie });
    expect(mine.data?.items.map((k) => k.name)).toEqual(['alice key']);
    expect((await trpcQuery(api, 'auth.apiKeys.find', { ownerId: bob.user.id }, { cookie: alice.cookie })).status).toBe(403);
    expect((await trpcQuery(api, 'auth.apiKeys.find', { allOwners: true }, { cookie: alice.cookie })).status).toBe(403);
    expect((await trpcMutation(api, 'auth.apiKeys.revoke', { apiKeyId: aliceKey.apiKey.id }, { cookie: bob.cookie })).status).toBe(404);

    const everyone = await trpcQuery<TFindApiKeysResponse>(api, 'auth.apiKeys.find', { allOwners: true }, { cookie: admin });
    expect(everyone.data?.items.map((k) => k.name)).toEqual(expect.arrayContaining(['alice key', 'bob key']));
    const byAdmin = await trpcMutation<TApiKey>(api, 'auth.apiKeys.revoke', { apiKeyId: aliceKey.apiKey.id }, { cookie: admin });
    expect(byAdmin.data?.revokedAt).not.toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'api_key.revoke', entityId: aliceKey.apiKey.id } });
    expect(audit.actor).toBe(`user:${TEST_ADMIN.email}`);
    const active = await trpcQuery<TFindApiKeysResponse>(api, 'auth.apiKeys.find', { includeRevoked: false }, { cookie: alice.cookie });
    expect(active.data?.items).toEqual([]);
  });

  it("stops a disabled user's keys and an expired key, with 401 saying why", async () => {
    const { cookie, user } = await userWithRole(api, admin, 'viewer');
    const { key, apiKey } = await createKey(cookie, ['read']);
    await db.apiKey.update({ where: { id: apiKey.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await trpcQuery(api, 'auth.apiKeys.find', {}, { bearer: key })).error?.message).toBe(`The API key ${apiKey.prefix}… has expired.`);
    await db.apiKey.update({ where: { id: apiKey.id }, data: { expiresAt: null } });
    await trpcMutation(api, 'auth.users.disable', { userId: user.id }, { cookie: admin });
    const refused = await trpcQuery(api, 'auth.apiKeys.find', {}, { bearer: key });
    expect(refused.status).toBe(401);
    expect(refused.error?.message).toBe(`The owner of the API key ${apiKey.prefix}… is disabled.`);
  });

  it('audits the caller as the key when a key acts', async () => {
    const adminKey = await createKey(admin, ['admin']);
    const made = await trpcMutation<TCreateApiKeyResponse>(api, 'auth.apiKeys.create', { name: 'by key', scopes: ['read'] }, { bearer: adminKey.key });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'api_key.create', entityId: made.data!.apiKey.id } });
    expect(audit).toMatchObject({ actorApiKeyId: adminKey.apiKey.id, actor: `api-key:${adminKey.apiKey.prefix} (user:${TEST_ADMIN.email})` });
  });

  it('answers 400 naming the field for bad input', async () => {
    const reply = await trpcMutation(api, 'auth.apiKeys.create', { name: 'x', scopes: [] }, { cookie: admin });
    expect(reply.status).toBe(400);
    expect(reply.error?.message).toBe('Invalid input: scopes: name at least one scope');
    const revoke = await trpcMutation(api, 'auth.apiKeys.revoke', { apiKeyId: 'nope' }, { cookie: admin });
    expect(revoke.status).toBe(400);
    expect(revoke.error?.data.param).toBe('apiKeyId');
  });
});

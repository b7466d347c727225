import type { TGetMeResponse, TSignInResponse, TUpdatePasswordResponse } from '@prmbas/contracts';
import type { PrismaClient } from '@prmbas/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ENV, databaseOf, signIn, TEST_ADMIN, userWithRole } from '../testing/auth-helpers';
import { startTestApi, type TestApi } from '../testing/test-api';
import { cookiePair, trpcMutation, trpcQuery } from '../testing/trpc-http';
import { sha256Hex } from './secret-tokens';

let api: TestApi;
let db: PrismaClient;

beforeAll(async () => {
  api = await startTestApi({ env: ADMIN_ENV });
  db = databaseOf(api);
});
afterAll(async () => {
  await db?.$disconnect();
  await api?.close();
});

describe('sessions through tRPC', () => {
  it('signs in: an httpOnly cookie whose token is stored only as its sha256, and an audit row', async () => {
    const reply = await trpcMutation<TSignInResponse>(api, 'auth.signIn', { email: ' Root@Example.com ', password: TEST_ADMIN.password });
    expect(reply.status).toBe(200);
    expect(reply.data?.user).toMatchObject({ email: TEST_ADMIN.email, role: 'admin' });
    expect(reply.setCookie).toMatch(/^prmbas_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+/);
    expect(JSON.stringify(reply.data)).not.toContain(cookiePair(reply.setCookie).split('=')[1]);

    const token = cookiePair(reply.setCookie).split('=')[1]!;
    const session = await db.userSession.findUniqueOrThrow({ where: { tokenHash: sha256Hex(token) } });
    expect(JSON.stringify(session)).not.toContain(token);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'user_session.create', entityId: session.id } });
    expect(audit).toMatchObject({ actor: `user:${TEST_ADMIN.email}`, actorUserId: session.userId, requestId: expect.any(String) });
    expect(JSON.stringify(audit.after)).not.toContain(token);
  });

  it('answers a wrong password and an unknown email alike: 401, same message, no cookie', async () => {
    const wrong = await trpcMutation(api, 'auth.signIn', { email: TEST_ADMIN.email, password: 'not the password' });
    const unknown = await trpcMutation(api, 'auth.signIn', { email: 'nobody@example.com', password: 'not the password' });
    for (const reply of [wrong, unknown]) {
      expect(reply.status).toBe(401);
      expect(reply.error).toMatchObject({ message: 'Wrong email or password.', data: { code: 'UNAUTHORIZED' } });
      expect(reply.setCookie).toBeNull();
    }
  });

  it('answers bad input with 400 naming the field, and no stack trace', async () => {
    const reply = await trpcMutation(api, 'auth.signIn', { email: 'not-an-email', password: 'x' });
    expect(reply.status).toBe(400);
    expect(reply.error?.message).toBe('Invalid input: email: must be an email address');
    expect(reply.error?.data).toMatchObject({ code: 'BAD_REQUEST', param: 'email', issues: [{ path: 'email', message: 'must be an email address' }] });
    expect(reply.error?.data).not.toHaveProperty('stack');
  });

  it('me: null when anonymous or with a stale cookie, the user with a session', async () => {
    expect((await trpcQuery(api, 'auth.me')).data).toBeNull();
    expect((await trpcQuery(api, 'auth.me', undefined, { cookie: 'prmbas_session=made-up' })).data).toBeNull();
    const cookie = await signIn(api, TEST_ADMIN.email, TEST_ADMIN.password);
    const me = await trpcQuery<TGetMeResponse>(api, 'auth.me', undefined, { cookie });
    expect(me.data).toMatchObject({ user: { email: TEST_ADMIN.email, role: 'admin' }, credential: { type: 'session' } });
  });

  it('signs out: the session is revoked (audited), the cookie cleared, and the old cookie gets 401', async () => {
    const cookie = await signIn(api, TEST_ADMIN.email, TEST_ADMIN.password);
    const out = await trpcMutation(api, 'auth.signOut', undefined, { cookie });
    expect(out.data).toEqual({ signedOut: true });
    expect(out.setCookie).toMatch(/^prmbas_session=; .*Max-Age=0/);
    const after = await trpcQuery(api, 'auth.apiKeys.find', {}, { cookie });
    expect(after.status).toBe(401);
    expect(after.error?.message).toBe('Your session has ended; sign in again.');
    const session = await db.userSession.findUniqueOrThrow({ where: { tokenHash: sha256Hex(cookie.split('=')[1]!) } });
    expect(session.revokedAt).not.toBeNull();
    expect(await db.auditLog.count({ where: { action: 'user_session.revoke', entityId: session.id } })).toBe(1);
    // Signing out again (or anonymously) is not an error.
    expect((await trpcMutation(api, 'auth.signOut', undefined, { cookie })).data).toEqual({ signedOut: false });
  });

  it('refuses an expired session with 401 saying so', async () => {
    const cookie = await signIn(api, TEST_ADMIN.email, TEST_ADMIN.password);
    await db.userSession.update({ where: { tokenHash: sha256Hex(cookie.split('=')[1]!) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const reply = await trpcQuery(api, 'auth.apiKeys.find', {}, { cookie });
    expect(reply.status).toBe(401);
    expect(reply.error?.message).toBe('Your session has expired; sign in again.');
  });

  it('updates a password: needs the current one (400 naming it), signs out the other sessions, audited', async () => {
    const admin = await signIn(api, TEST_ADMIN.email, TEST_ADMIN.password);
    const { user, password, cookie } = await userWithRole(api, admin, 'annotator');
    const other = await signIn(api, user.email, password);

    const wrong = await trpcMutation(api, 'auth.updatePassword', { currentPassword: 'nope', newPassword: 'a new password' }, { cookie });
    expect(wrong.status).toBe(400);
    expect(wrong.error?.data.param).toBe('currentPassword');
    const short = await trpcMutation(api, 'auth.updatePassword', { currentPassword: password, newPassword: 'short' }, { cookie });
    expect(short.status).toBe(400);
    expect(short.error?.message).toBe('Invalid input: newPassword: must be at least 8 characters');

    const ok = await trpcMutation<TUpdatePasswordResponse>(api, 'auth.updatePassword', { currentPassword: password, newPassword: 'a new password' }, { cookie });
    expect(ok.data).toEqual({ updated: true, otherSessionsRevoked: 1 });
    expect((await trpcQuery(api, 'auth.apiKeys.find', {}, { cookie })).status).toBe(200);
    expect((await trpcQuery(api, 'auth.apiKeys.find', {}, { cookie: other })).status).toBe(401);
    expect((await trpcMutation(api, 'auth.signIn', { email: user.email, password })).status).toBe(401);
    await signIn(api, user.email, 'a new password');
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/);
    expect(await db.auditLog.count({ where: { action: 'user.update_password', entityId: user.id } })).toBe(1);
  });
});

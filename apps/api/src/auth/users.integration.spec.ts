import type { TFindUsersResponse, TUser } from '@prmbas/contracts';
import { type PrismaClient, SYSTEM_ACTOR } from '@prmbas/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ENV, databaseOf, signIn, TEST_ADMIN, userWithRole } from '../testing/auth-helpers';
import { startTestApi, type TestApi } from '../testing/test-api';
import { trpcMutation, trpcQuery } from '../testing/trpc-http';
import { AuthRepository, LastAdminError } from './auth.repository';

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

describe('user administration through tRPC', () => {
  it('creates users (audited, password hashed) and refuses a taken email with 409 naming it', async () => {
    const created = await trpcMutation<TUser>(api, 'auth.users.create', { email: 'Ada@Example.com', name: 'Ada', role: 'researcher', password: 'analytical engine' }, { cookie: admin });
    expect(created.status).toBe(200);
    expect(created.data).toMatchObject({ email: 'ada@example.com', name: 'Ada', role: 'researcher', disabledAt: null });
    const row = await db.user.findUniqueOrThrow({ where: { id: created.data!.id } });
    expect(row.passwordHash).not.toContain('analytical engine');
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'user.create', entityId: row.id } });
    expect(audit.actor).toBe(`user:${TEST_ADMIN.email}`);
    expect((audit.after as Record<string, unknown>)['passwordHash']).toBe('[redacted]');

    const again = await trpcMutation(api, 'auth.users.create', { email: 'ada@example.com', role: 'viewer', password: 'whatever-else' }, { cookie: admin });
    expect(again.status).toBe(409);
    expect(again.error?.data.param).toBe('email');
  });

  it('answers 400 naming the field for bad input', async () => {
    const reply = await trpcMutation(api, 'auth.users.create', { email: 'x@example.com', role: 'superuser', password: 'long enough' }, { cookie: admin });
    expect(reply.status).toBe(400);
    expect(reply.error?.data.param).toBe('role');
    expect(reply.error?.message).toMatch(/^Invalid input: role: /);
  });

  it('lets only admins manage users: 401 anonymous, 403 for every other role', async () => {
    expect((await trpcQuery(api, 'auth.users.find', {})).status).toBe(401);
    for (const role of ['viewer', 'annotator', 'researcher'] as const) {
      const { cookie } = await userWithRole(api, admin, role);
      const find = await trpcQuery(api, 'auth.users.find', {}, { cookie });
      expect(find.status).toBe(403);
      expect(find.error?.message).toBe(`This needs the admin role; you are ${role === 'annotator' ? 'an' : 'a'} ${role}.`);
      expect((await trpcMutation(api, 'auth.users.create', { email: `x-${role}@example.com`, role: 'admin', password: 'escalate!!' }, { cookie })).status).toBe(403);
    }
    expect(await db.user.count({ where: { email: { startsWith: 'x-' } } })).toBe(0);
  });

  it('lists users with filters and pages', async () => {
    const all = await trpcQuery<TFindUsersResponse>(api, 'auth.users.find', { limit: 2 }, { cookie: admin });
    expect(all.data?.items).toHaveLength(2);
    expect(all.data?.nextCursor).toBe(all.data?.items[1]?.id);
    const next = await trpcQuery<TFindUsersResponse>(api, 'auth.users.find', { limit: 2, cursor: all.data?.nextCursor }, { cookie: admin });
    expect(next.data?.items[0]?.id).not.toBe(all.data?.items[0]?.id);
    const admins = await trpcQuery<TFindUsersResponse>(api, 'auth.users.find', { role: 'admin' }, { cookie: admin });
    expect(admins.data?.items.map((u) => u.email)).toEqual([TEST_ADMIN.email]);
    const ada = await trpcQuery<TFindUsersResponse>(api, 'auth.users.find', { query: 'ADA' }, { cookie: admin });
    expect(ada.data?.items.map((u) => u.email)).toEqual(['ada@example.com']);
  });

  it('changes a role (audited with before and after); a no-op writes nothing', async () => {
    const { user, cookie } = await userWithRole(api, admin, 'viewer');
    const updated = await trpcMutation<TUser>(api, 'auth.users.updateRole', { userId: user.id, role: 'annotator' }, { cookie: admin });
    expect(updated.data?.role).toBe('annotator');
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'user.update_role', entityId: user.id } });
    expect(audit.before).toMatchObject({ role: 'viewer' });
    expect(audit.after).toMatchObject({ role: 'annotator' });
    await trpcMutation(api, 'auth.users.updateRole', { userId: user.id, role: 'annotator' }, { cookie: admin });
    expect(await db.auditLog.count({ where: { action: 'user.update_role', entityId: user.id } })).toBe(1);
    // The new role applies to the existing session at once.
    const me = await trpcQuery<{ user: TUser }>(api, 'auth.me', undefined, { cookie });
    expect(me.data?.user.role).toBe('annotator');
  });

  it('answers 404 for an unknown user and 422 for demoting or disabling oneself', async () => {
    const missing = await trpcMutation(api, 'auth.users.updateRole', { userId: '01900000-0000-7000-8000-000000000000', role: 'viewer' }, { cookie: admin });
    expect(missing.status).toBe(404);
    const me = await db.user.findUniqueOrThrow({ where: { email: TEST_ADMIN.email } });
    expect((await trpcMutation(api, 'auth.users.updateRole', { userId: me.id, role: 'viewer' }, { cookie: admin })).status).toBe(422);
    expect((await trpcMutation(api, 'auth.users.disable', { userId: me.id }, { cookie: admin })).status).toBe(422);
  });

  it('never leaves the platform without an active admin (409), even when two admins demote each other at once', async () => {
    const second = await userWithRole(api, admin, 'admin');
    const me = await db.user.findUniqueOrThrow({ where: { email: TEST_ADMIN.email } });
    const [a, b] = await Promise.all([
      trpcMutation(api, 'auth.users.updateRole', { userId: second.user.id, role: 'viewer' }, { cookie: admin }),
      trpcMutation(api, 'auth.users.updateRole', { userId: me.id, role: 'viewer' }, { cookie: second.cookie }),
    ]);
    // One wins. The other is refused by the last-admin rule (409), or, if it was authenticated
    // after the winner committed, by the role check (403): never both applied.
    const statuses = [a.status, b.status];
    expect(statuses).toContain(200);
    expect(statuses.find((status) => status !== 200)).toBeOneOf([403, 409]);
    expect(await db.user.count({ where: { role: 'admin', disabledAt: null } })).toBe(1);
    const loser = a.status === 200 ? b : a;
    if (loser.status === 409) expect(loser.error?.message).toBe('This would leave the platform without an active admin.');

    // The rule itself, deterministically: demoting the one active admin left is refused in the transaction.
    const survivor = a.status === 200 ? me.id : second.user.id;
    await expect(api.app.get(AuthRepository).updateUser({ actor: SYSTEM_ACTOR }, survivor, { role: 'viewer' }, { action: 'user.update_role' })).rejects.toBeInstanceOf(LastAdminError);
    expect(await db.user.findUniqueOrThrow({ where: { id: survivor } })).toMatchObject({ role: 'admin' });

    // Put the first admin back for the other tests.
    if (a.status !== 200) {
      await trpcMutation(api, 'auth.users.updateRole', { userId: me.id, role: 'admin' }, { cookie: second.cookie });
    }
  });

  it('disables a user: sessions revoked at once, sign-in refused, audited; enabling lets them back', async () => {
    const { user, password, cookie } = await userWithRole(api, admin, 'researcher');
    const disabled = await trpcMutation<TUser>(api, 'auth.users.disable', { userId: user.id }, { cookie: admin });
    expect(disabled.data?.disabledAt).not.toBeNull();
    const after = await trpcQuery(api, 'auth.apiKeys.find', {}, { cookie });
    expect(after.status).toBe(401);
    expect((await trpcMutation(api, 'auth.signIn', { email: user.email, password })).status).toBe(401);
    expect(await db.auditLog.count({ where: { action: 'user.disable', entityId: user.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'user_session.revoke_all', entityId: user.id } })).toBe(1);

    const enabled = await trpcMutation<TUser>(api, 'auth.users.enable', { userId: user.id }, { cookie: admin });
    expect(enabled.data?.disabledAt).toBeNull();
    await signIn(api, user.email, password);
    expect(await db.auditLog.count({ where: { action: 'user.enable', entityId: user.id } })).toBe(1);
  });
});

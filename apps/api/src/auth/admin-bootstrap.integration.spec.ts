import type { TFindUsersResponse, TGetMeResponse } from '@prmbas/contracts';
import { createPrismaClient, createTestDatabase, type PrismaClient, type TestDatabase } from '@prmbas/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signIn } from '../testing/auth-helpers';
import { startTestApi } from '../testing/test-api';
import { trpcMutation, trpcQuery } from '../testing/trpc-http';
import { DEFAULT_ADMIN_EMAIL } from './admin-bootstrap';
import { sha256Hex } from './secret-tokens';

const BOOTSTRAP_API_KEY = 'sk-bootstrap-0123456789abcdef';

describe('admin bootstrap with ADMIN_EMAIL, ADMIN_PASSWORD and BOOTSTRAP_API_KEY', () => {
  let database: TestDatabase;
  let db: PrismaClient;
  const env = () => ({ DATABASE_URL: database.url, ADMIN_EMAIL: 'Boss@Example.com', ADMIN_PASSWORD: 'bootstrap password', BOOTSTRAP_API_KEY });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it('creates the admin and stores the key (hashed, all scopes), both audited as the system', async () => {
    const api = await startTestApi({ env: env() });
    try {
      await signIn(api, 'boss@example.com', 'bootstrap password');
      const viaKey = await trpcQuery<TFindUsersResponse>(api, 'auth.users.find', {}, { bearer: BOOTSTRAP_API_KEY });
      expect(viaKey.status).toBe(200);
      expect(viaKey.data?.items.map((u) => [u.email, u.role])).toEqual([['boss@example.com', 'admin']]);
      const me = await trpcQuery<TGetMeResponse>(api, 'auth.me', undefined, { bearer: BOOTSTRAP_API_KEY });
      expect(me.data?.credential).toMatchObject({ type: 'api_key', prefix: BOOTSTRAP_API_KEY.slice(0, 11), scopes: ['admin', 'write', 'read', 'inference'] });

      const key = await db.apiKey.findUniqueOrThrow({ where: { keyHash: sha256Hex(BOOTSTRAP_API_KEY) } });
      expect(JSON.stringify(key)).not.toContain(BOOTSTRAP_API_KEY);
      const actions = await db.auditLog.findMany({ where: { actor: 'system' }, orderBy: { createdAt: 'asc' } });
      expect(actions.map((a) => a.action)).toEqual(['user.create', 'api_key.create']);
    } finally {
      await api.close();
    }
  });

  it('is idempotent across restarts, and a revoked bootstrap key stays revoked', async () => {
    const first = await startTestApi({ env: env() });
    const adminKey = (await db.apiKey.findUniqueOrThrow({ where: { keyHash: sha256Hex(BOOTSTRAP_API_KEY) } })).id;
    await trpcMutation(first, 'auth.apiKeys.revoke', { apiKeyId: adminKey }, { bearer: BOOTSTRAP_API_KEY });
    await first.close();

    const second = await startTestApi({ env: env() });
    try {
      expect(await db.user.count()).toBe(1);
      expect(await db.apiKey.count()).toBe(1);
      expect((await trpcQuery(second, 'auth.me', undefined, { bearer: BOOTSTRAP_API_KEY })).data).toBeNull();
      expect((await trpcQuery(second, 'auth.users.find', {}, { bearer: BOOTSTRAP_API_KEY })).status).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('two API processes starting together on one database create one admin and one key', async () => {
    const fresh = await createTestDatabase();
    const freshDb = createPrismaClient(fresh.url);
    try {
      const apis = await Promise.all([1, 2].map(() => startTestApi({ env: { ...env(), DATABASE_URL: fresh.url } })));
      await Promise.all(apis.map((api) => api.close()));
      expect(await freshDb.user.count()).toBe(1);
      expect(await freshDb.apiKey.count()).toBe(1);
    } finally {
      await freshDb.$disconnect();
      await fresh.drop();
    }
  });
});

describe('admin bootstrap without ADMIN_PASSWORD', () => {
  it('generates a password, prints it once to stdout (never to the log), and it signs in', async () => {
    const database = await createTestDatabase();
    const printed: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    try {
      const api = await startTestApi({ env: { DATABASE_URL: database.url }, captureLogs: true });
      write.mockRestore();
      const text = printed.join('');
      const password = /password: (\S+)/.exec(text)?.[1];
      expect(text).toContain(`email:    ${DEFAULT_ADMIN_EMAIL}`);
      expect(password).toMatch(/^[\w-]{24}$/);
      expect(JSON.stringify(api.logs())).not.toContain(password!);
      expect(api.logs()).toEqual(expect.arrayContaining([expect.objectContaining({ msg: 'created the first admin', email: DEFAULT_ADMIN_EMAIL })]));
      await signIn(api, DEFAULT_ADMIN_EMAIL, password!);
      await api.close();

      // A restart finds the admin: no new password, nothing printed.
      printed.length = 0;
      const again = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        printed.push(String(chunk));
        return true;
      });
      const restarted = await startTestApi({ env: { DATABASE_URL: database.url } });
      again.mockRestore();
      expect(printed.join('')).not.toContain('password:');
      await signIn(restarted, DEFAULT_ADMIN_EMAIL, password!);
      await restarted.close();
    } finally {
      write.mockRestore();
      await database.drop();
    }
  });
});

import type { TUser, TUserRole } from '@prmbas/contracts';
import { createPrismaClient, type PrismaClient } from '@prmbas/db';
import { expect } from 'vitest';
import { startTestApi, type TestApi } from './test-api';
import { cookiePair, trpcMutation } from './trpc-http';

export const TEST_ADMIN = { email: 'root@example.com', password: 'correct horse battery' } as const;

/** Env for startTestApi with a known first admin. */
export const ADMIN_ENV = { ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password };

/** Signs in through tRPC and returns the cookie to send back. */
export async function signIn(api: TestApi, email: string, password: string): Promise<string> {
  const reply = await trpcMutation(api, 'auth.signIn', { email, password });
  expect(reply.error).toBeUndefined();
  return cookiePair(reply.setCookie);
}

/** An admin creates a user with `role`; returns it and its session cookie. */
export async function userWithRole(api: TestApi, adminCookie: string, role: TUserRole, email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.com`) {
  const password = `password-of-${role}`;
  const created = await trpcMutation<TUser>(api, 'auth.users.create', { email, role, password }, { cookie: adminCookie });
  expect(created.error).toBeUndefined();
  return { user: created.data!, password, cookie: await signIn(api, email, password) };
}

/** A Prisma client on the test API's database, to check rows directly. */
export function databaseOf(api: TestApi): PrismaClient {
  return createPrismaClient(api.config.databaseUrl!);
}

/**
 * How most domain specs start: the API with the known first admin (ADMIN_ENV), a Prisma client on
 * its database, and session cookies of the admin, a researcher and a viewer.
 */
export async function startApiWithRoles(): Promise<{ api: TestApi; prisma: PrismaClient; admin: string; researcher: string; viewer: string }> {
  const api = await startTestApi({ env: ADMIN_ENV });
  const prisma = databaseOf(api);
  const admin = await signIn(api, TEST_ADMIN.email, TEST_ADMIN.password);
  const researcher = (await userWithRole(api, admin, 'researcher')).cookie;
  const viewer = (await userWithRole(api, admin, 'viewer')).cookie;
  return { api, prisma, admin, researcher, viewer };
}

import { API_KEY_SCOPES, USER_ROLES } from '@prmbas/contracts';
import { ApiKeyScope, UserRole } from '@prmbas/db';
import { describe, expect, it } from 'vitest';

// contracts cannot import the Prisma enums (no server code), so it repeats them; this keeps them equal.
describe('roles and scopes in contracts match the database enums', () => {
  it('user roles', () => expect([...USER_ROLES].sort()).toEqual(Object.values(UserRole).sort()));
  it('API key scopes', () => expect([...API_KEY_SCOPES].sort()).toEqual(Object.values(ApiKeyScope).sort()));
});

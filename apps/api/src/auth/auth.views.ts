import type { Actor, TApiKey, TUser } from '@prmbas/contracts';
import type { AuditContext, User } from '@prmbas/db';
import type { ApiKeyWithOwner } from './auth.repository';

/** Rows → the shapes contracts promise (dates as ISO strings, no hashes). */
export function toUserView(user: User): TUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

export function toApiKeyView(key: ApiKeyWithOwner): TApiKey {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    owner: { id: key.owner.id, email: key.owner.email },
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
  };
}

/** The audit log's view of a caller: ids plus a label that survives their deletion. */
export function auditContextOf(actor: Actor): AuditContext {
  const { user, credential } = actor;
  return {
    actor:
      credential.type === 'api_key'
        ? { userId: user.id, apiKeyId: credential.apiKeyId, label: `api-key:${credential.prefix} (user:${user.email})` }
        : { userId: user.id, label: `user:${user.email}` },
    requestId: actor.requestId,
  };
}

import { z } from 'zod';

/**
 * Roles, least to most privileged. A procedure names the least role it needs and every higher role
 * passes: annotators label, researchers also build datasets, train and deploy, admins also manage
 * users. Same values as the `user_role` enum in Postgres (a test in apps/api checks they agree).
 */
export const USER_ROLES = ['viewer', 'annotator', 'researcher', 'admin'] as const;
export const ZUserRole = z.enum(USER_ROLES);
export type TUserRole = z.infer<typeof ZUserRole>;

export function roleAtLeast(role: TUserRole, least: TUserRole): boolean {
  return USER_ROLES.indexOf(role) >= USER_ROLES.indexOf(least);
}

/**
 * What an API key may be used for; a key never grants more than its owner's role.
 * inference: the OpenAI-compatible serving API; read: queries; write: mutations (and reads);
 * admin: admin procedures (and everything else). Same values as the `api_key_scope` enum.
 */
export const API_KEY_SCOPES = ['inference', 'read', 'write', 'admin'] as const;
export const ZApiKeyScope = z.enum(API_KEY_SCOPES);
export type TApiKeyScope = z.infer<typeof ZApiKeyScope>;

const IMPLIED: Record<TApiKeyScope, readonly TApiKeyScope[]> = {
  inference: ['inference'],
  read: ['read'],
  write: ['write', 'read'],
  admin: ['admin', 'write', 'read', 'inference'],
};

/** True when `scopes` (a key's) grant `needed`, directly or through a broader scope. */
export function scopesGrant(scopes: readonly TApiKeyScope[], needed: TApiKeyScope): boolean {
  return scopes.some((scope) => IMPLIED[scope].includes(needed));
}

/**
 * Roles and scopes as the console needs them at run time. Contracts hold the same lists, but the
 * browser imports only contracts' types (its index starts tRPC's server); the `satisfies` and the
 * exhaustiveness check below fail to compile if contracts gain or lose a value.
 */
import type { TApiKeyScope, TUserRole } from '@prmbas/contracts';

export const USER_ROLES = ['viewer', 'annotator', 'researcher', 'admin'] as const satisfies readonly TUserRole[];
export const API_KEY_SCOPES = ['inference', 'read', 'write', 'admin'] as const satisfies readonly TApiKeyScope[];

type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : never;
const _rolesComplete: Missing<TUserRole, (typeof USER_ROLES)[number]> = true;
const _scopesComplete: Missing<TApiKeyScope, (typeof API_KEY_SCOPES)[number]> = true;
void _rolesComplete;
void _scopesComplete;

export function roleAtLeast(role: TUserRole, least: TUserRole): boolean {
  return USER_ROLES.indexOf(role) >= USER_ROLES.indexOf(least);
}

import { z } from 'zod';
import { ZDateTime, ZEmail, ZId, ZPageInfo, ZPageRequest } from '../common/schemas';
import { ZUserRole } from './roles';

export const ZUser = z.object({
  id: ZId,
  email: z.string(),
  name: z.string().nullable(),
  role: ZUserRole,
  disabledAt: ZDateTime.nullable(),
  lastLoginAt: ZDateTime.nullable(),
  createdAt: ZDateTime,
});
export type TUser = z.infer<typeof ZUser>;

export const ZPassword = z
  .string()
  .min(8, { error: 'must be at least 8 characters' })
  .max(256, { error: 'must be at most 256 characters' });

export const ZCreateUserRequest = z.object({
  email: ZEmail,
  name: z.string().trim().min(1).max(200).optional(),
  role: ZUserRole,
  /** The initial password, set by the admin and changed by the user (auth.updatePassword). */
  password: ZPassword,
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;
export const ZCreateUserResponse = ZUser;
export type TCreateUserResponse = z.infer<typeof ZCreateUserResponse>;

export const ZFindUsersRequest = ZPageRequest.extend({
  /** Substring of the email or name, case-insensitive. */
  query: z.string().trim().max(200).optional(),
  role: ZUserRole.optional(),
  includeDisabled: z.boolean().default(true),
});
export type TFindUsersRequest = z.infer<typeof ZFindUsersRequest>;
export const ZFindUsersResponse = ZPageInfo.extend({ items: z.array(ZUser) });
export type TFindUsersResponse = z.infer<typeof ZFindUsersResponse>;

export const ZUpdateUserRoleRequest = z.object({ userId: ZId, role: ZUserRole });
export type TUpdateUserRoleRequest = z.infer<typeof ZUpdateUserRoleRequest>;
export const ZUpdateUserRoleResponse = ZUser;
export type TUpdateUserRoleResponse = z.infer<typeof ZUpdateUserRoleResponse>;

/** Disabling signs the user out everywhere and stops their API keys (until enabled again). */
export const ZDisableUserRequest = z.object({ userId: ZId });
export type TDisableUserRequest = z.infer<typeof ZDisableUserRequest>;
export const ZDisableUserResponse = ZUser;
export type TDisableUserResponse = z.infer<typeof ZDisableUserResponse>;

export const ZEnableUserRequest = z.object({ userId: ZId });
export type TEnableUserRequest = z.infer<typeof ZEnableUserRequest>;
export const ZEnableUserResponse = ZUser;
export type TEnableUserResponse = z.infer<typeof ZEnableUserResponse>;

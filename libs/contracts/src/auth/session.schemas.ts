import { z } from 'zod';
import { ZDateTime, ZEmail } from '../common/schemas';
import { ZApiKeyScope } from './roles';
import { ZPassword, ZUser } from './user.schemas';

export const ZSignInRequest = z.object({
  email: ZEmail,
  // Not ZPassword: a sign-in must not reveal the password rules, only right or wrong.
  password: z.string().min(1).max(256),
});
export type TSignInRequest = z.infer<typeof ZSignInRequest>;
/** The session token itself travels only in the httpOnly cookie, never in a body. */
export const ZSignInResponse = z.object({ user: ZUser, expiresAt: ZDateTime });
export type TSignInResponse = z.infer<typeof ZSignInResponse>;

export const ZSignOutResponse = z.object({ signedOut: z.boolean() });
export type TSignOutResponse = z.infer<typeof ZSignOutResponse>;

/** How the caller authenticated: a browser session or an API key (with its scopes). */
export const ZCredential = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session'), sessionId: z.string() }),
  z.object({ type: z.literal('api_key'), apiKeyId: z.string(), prefix: z.string(), scopes: z.array(ZApiKeyScope) }),
]);
export type TCredential = z.infer<typeof ZCredential>;

/** `null` when nobody is signed in (not an error: the console shows the sign-in page). */
export const ZGetMeResponse = z.object({ user: ZUser, credential: ZCredential }).nullable();
export type TGetMeResponse = z.infer<typeof ZGetMeResponse>;

export const ZUpdatePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: ZPassword,
});
export type TUpdatePasswordRequest = z.infer<typeof ZUpdatePasswordRequest>;
/** Other sessions of the user are signed out; this one stays. */
export const ZUpdatePasswordResponse = z.object({ updated: z.literal(true), otherSessionsRevoked: z.number().int() });
export type TUpdatePasswordResponse = z.infer<typeof ZUpdatePasswordResponse>;

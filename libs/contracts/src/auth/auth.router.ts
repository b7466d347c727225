import { router } from '../trpc/init';
import { adminProcedure, authenticatedProcedure, publicProcedure } from '../trpc/procedures';
import {
  ZCreateApiKeyRequest,
  ZCreateApiKeyResponse,
  ZFindApiKeysRequest,
  ZFindApiKeysResponse,
  ZRevokeApiKeyRequest,
  ZRevokeApiKeyResponse,
} from './api-key.schemas';
import { ZGetMeResponse, ZSignInRequest, ZSignInResponse, ZSignOutResponse, ZUpdatePasswordRequest, ZUpdatePasswordResponse } from './session.schemas';
import {
  ZCreateUserRequest,
  ZCreateUserResponse,
  ZDisableUserRequest,
  ZDisableUserResponse,
  ZEnableUserRequest,
  ZEnableUserResponse,
  ZFindUsersRequest,
  ZFindUsersResponse,
  ZUpdateUserRoleRequest,
  ZUpdateUserRoleResponse,
} from './user.schemas';

const usersRouter = router({
  find: adminProcedure
    .input(ZFindUsersRequest)
    .output(ZFindUsersResponse)
    .query(({ input, ctx }) => ctx.services.auth.findUsers(input, ctx.actor)),
  create: adminProcedure
    .input(ZCreateUserRequest)
    .output(ZCreateUserResponse)
    .mutation(({ input, ctx }) => ctx.services.auth.createUser(input, ctx.actor)),
  updateRole: adminProcedure
    .input(ZUpdateUserRoleRequest)
    .output(ZUpdateUserRoleResponse)
    .mutation(({ input, ctx }) => ctx.services.auth.updateUserRole(input, ctx.actor)),
  disable: adminProcedure
    .input(ZDisableUserRequest)
    .output(ZDisableUserResponse)
    .mutation(({ input, ctx }) => ctx.services.auth.disableUser(input, ctx.actor)),
  enable: adminProcedure
    .input(ZEnableUserRequest)
    .output(ZEnableUserResponse)
    .mutation(({ input, ctx }) => ctx.services.auth.enableUser(input, ctx.actor)),
});

/** Every user manages their own keys (a key never exceeds its owner's role); admins see and revoke all. */
const apiKeysRouter = router({
  find: authenticatedProcedure
    .input(ZFindApiKeysRequest)
    .output(ZFindApiKeysResponse)
    .query(({ input, ctx }) => ctx.services.auth.findApiKeys(input, ctx.actor)),
  create: authenticatedProcedure
    .input(ZCreateApiKeyRequest)
    .output(ZCreateApiKeyResponse)
    .mutation(({ input, ctx }) => ctx.services.auth.createApiKey(input, ctx.actor)),
  revoke: authenticatedProcedure
    .input(ZRevokeApiKeyRequest)
    .output(ZRevokeApiKeyResponse)
    .mutation(({ input, ctx }) => ctx.services.auth.revokeApiKey(input, ctx.actor)),
});

export const authRouter = router({
  signIn: publicProcedure
    .input(ZSignInRequest)
    .output(ZSignInResponse)
    .mutation(async ({ input, ctx }) => {
      const session = await ctx.services.auth.signIn(input, ctx.client);
      ctx.sessionCookie.set(session.token, session.expiresAt);
      return { user: session.user, expiresAt: session.expiresAt.toISOString() };
    }),
  /** Public and idempotent: signing out without (or with an expired) session still clears the cookie. */
  signOut: publicProcedure.output(ZSignOutResponse).mutation(async ({ ctx }) => {
    const signedOut = await ctx.services.auth.signOut(ctx.actor);
    ctx.sessionCookie.clear();
    return { signedOut };
  }),
  me: publicProcedure
    .output(ZGetMeResponse)
    .query(({ ctx }) => (ctx.actor ? { user: ctx.actor.user, credential: ctx.actor.credential } : null)),
  updatePassword: authenticatedProcedure
    .input(ZUpdatePasswordRequest)
    .output(ZUpdatePasswordResponse)
    .mutation(({ input, ctx }) => ctx.services.auth.updatePassword(input, ctx.actor)),
  users: usersRouter,
  apiKeys: apiKeysRouter,
});

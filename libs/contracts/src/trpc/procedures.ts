import { TRPCError } from '@trpc/server';
import { roleAtLeast, scopesGrant, type TApiKeyScope, type TUserRole } from '../auth/roles';
import { t } from './init';

/**
 * Anything a resolver (a service) throws goes through the server's mapping once, here, so its
 * typed errors keep their code (404, 409, ...) and field instead of becoming a 500. Errors that
 * are already TRPCErrors (ladder checks, input validation) pass through unchanged.
 */
const mapServerErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok && result.error.code === 'INTERNAL_SERVER_ERROR' && result.error.cause !== undefined) {
    throw ctx.toTrpcError(result.error.cause);
  }
  return result;
});

/** Anyone. */
export const publicProcedure = t.procedure.use(mapServerErrors);

/**
 * A signed-in user or a valid API key (401 otherwise). An API key must also carry the scope of
 * the call's kind: `read` for queries, `write` for mutations (403 otherwise).
 */
export const authenticatedProcedure = publicProcedure.use(({ ctx, type, next }) => {
  if (!ctx.actor) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: ctx.credentialError ?? 'Sign in or send an API key (Authorization: Bearer pb_...).' });
  }
  const credential = ctx.actor.credential;
  const needed: TApiKeyScope = type === 'query' ? 'read' : 'write';
  if (credential.type === 'api_key' && !scopesGrant(credential.scopes, needed)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `This API key lacks the '${needed}' scope.` });
  }
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/** The caller's role must be `least` or higher (403 otherwise); admin calls with a key need the `admin` scope. */
export function roleProcedure(least: TUserRole) {
  return authenticatedProcedure.use(({ ctx, next }) => {
    const { user, credential } = ctx.actor;
    if (!roleAtLeast(user.role, least)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `This needs the ${least} role; you are ${article(user.role)} ${user.role}.` });
    }
    if (least === 'admin' && credential.type === 'api_key' && !scopesGrant(credential.scopes, 'admin')) {
      throw new TRPCError({ code: 'FORBIDDEN', message: "This API key lacks the 'admin' scope." });
    }
    return next();
  });
}

export const viewerProcedure = roleProcedure('viewer');
export const annotatorProcedure = roleProcedure('annotator');
export const researcherProcedure = roleProcedure('researcher');
export const adminProcedure = roleProcedure('admin');

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

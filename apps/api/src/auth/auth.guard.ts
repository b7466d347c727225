import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Actor, roleAtLeast, scopesGrant, type TApiKeyScope, type TUserRole } from '@prmbas/contracts';
import type { Request } from 'express';
import { AppError } from '../errors/app-error';
import { Authenticator } from './authenticator';

/** What a REST route asks of its caller (see `@Auth`). */
export interface AuthRequirement {
  /** The least role (default viewer: any signed-in user or key). */
  role?: TUserRole;
  /** The scope an API key needs (default: read for GET/HEAD, write otherwise). Sessions have every scope. */
  scope?: TApiKeyScope;
}

export const AUTH_REQUIREMENT = Symbol('AUTH_REQUIREMENT');

const actors = new WeakMap<Request, Actor>();

/** The caller the guard let through (for `@CurrentActor()`). */
export function actorOf(req: Request): Actor | undefined {
  return actors.get(req);
}

/**
 * REST's version of the tRPC procedure ladder: 401 when no valid credential was sent (saying why
 * when one was rejected), 403 when the role or the key's scope is short.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const requirement = this.reflector.getAllAndOverride<AuthRequirement | undefined>(AUTH_REQUIREMENT, [context.getHandler(), context.getClass()]) ?? {};
    const { actor, credentialError } = await this.authenticator.authenticate(req);
    if (!actor) throw AppError.unauthorized(credentialError ?? 'Send an API key (Authorization: Bearer pb_...) or sign in.');
    const role = requirement.role ?? 'viewer';
    if (!roleAtLeast(actor.user.role, role)) {
      throw AppError.forbidden(`This needs the ${role} role; ${actor.user.email} is ${actor.user.role}.`);
    }
    if (actor.credential.type === 'api_key') {
      const needed = requirement.scope ?? (req.method === 'GET' || req.method === 'HEAD' ? 'read' : 'write');
      for (const scope of role === 'admin' ? [needed, 'admin' as const] : [needed]) {
        if (!scopesGrant(actor.credential.scopes, scope)) throw AppError.forbidden(`This API key lacks the '${scope}' scope.`, { code: 'insufficient_scope' });
      }
    }
    actors.set(req, actor);
    return true;
  }
}

import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import type { Actor } from '@prmbas/contracts';
import type { Request } from 'express';
import { ApiErrors } from '../docs/error-responses';
import { AppError } from '../errors/app-error';
import { actorOf, AUTH_REQUIREMENT, AuthGuard, type AuthRequirement } from './auth.guard';

/**
 * Protects a REST route or controller: a Bearer API key or the session cookie, the least role and
 * (for keys) the scope. Documents both schemes and the 401/403 answers in OpenAPI.
 *   @Auth({ role: 'researcher', scope: 'inference' }) @Post('chat/completions') ...
 */
export function Auth(requirement: AuthRequirement = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(AUTH_REQUIREMENT, requirement),
    UseGuards(AuthGuard),
    ApiBearerAuth(),
    ApiCookieAuth('session'),
    ApiErrors(401, 403),
  );
}

/** The authenticated caller of an `@Auth` route. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = actorOf(context.switchToHttp().getRequest<Request>());
  // Only reachable when a route uses @CurrentActor without @Auth: a programming error.
  if (!actor) throw new AppError('internal', '@CurrentActor() needs @Auth() on the route');
  return actor;
});

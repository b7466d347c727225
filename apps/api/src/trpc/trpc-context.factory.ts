import { Inject, Injectable } from '@nestjs/common';
import type { AppServices, TrpcContext } from '@prmbas/contracts';
import type { Request, Response } from 'express';
import { Authenticator, clientInfoOf } from '../auth/authenticator';
import { clearedSessionCookie, sessionCookie } from '../auth/session-cookie';
import { toTrpcError } from '../errors/trpc-error';
import { APP_SERVICES } from './app-services';

/** Builds each request's tRPC context: its caller (cookie or Bearer key), the services, the error mapping. */
@Injectable()
export class TrpcContextFactory {
  constructor(
    private readonly authenticator: Authenticator,
    @Inject(APP_SERVICES) private readonly services: AppServices,
  ) {}

  async create({ req, res }: { req: Request; res: Response }): Promise<TrpcContext> {
    const client = clientInfoOf(req);
    const { actor, credentialError } = await this.authenticator.authenticate(req);
    return {
      requestId: client.requestId,
      client,
      actor,
      credentialError,
      services: this.services,
      sessionCookie: {
        set: (token, expiresAt) => void res.append('Set-Cookie', sessionCookie(token, expiresAt, req.secure)),
        clear: () => void res.append('Set-Cookie', clearedSessionCookie(req.secure)),
      },
      // AppError → TRPCError, through the same ERROR_KINDS table REST uses.
      toTrpcError,
    };
  }
}

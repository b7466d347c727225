import type { IncomingMessage } from 'node:http';
import { Injectable } from '@nestjs/common';
import type { ClientInfo } from '@prmbas/contracts';
import { requestIdOf } from '../logging/request-id';
import { ApiKeysService } from './api-keys.service';
import { ANONYMOUS, type Authentication, rejected } from './authentication';
import { readSessionToken } from './session-cookie';
import { SessionsService } from './sessions.service';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Who sent a request: `Authorization: Bearer <API key>` (scripts, the OpenAI SDK) or else the
 * session cookie (the console). Used by the REST guard and the tRPC context alike; the answer is
 * kept per request so both (or two guards) cost one lookup.
 */
@Injectable()
export class Authenticator {
  private readonly memo = new WeakMap<IncomingMessage, Promise<Authentication>>();

  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly sessions: SessionsService,
  ) {}

  authenticate(req: IncomingMessage): Promise<Authentication> {
    let result = this.memo.get(req);
    if (!result) {
      result = this.resolve(req);
      this.memo.set(req, result);
    }
    return result;
  }

  private async resolve(req: IncomingMessage): Promise<Authentication> {
    const requestId = requestIdOf(req);
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const match = BEARER.exec(authorization);
      if (!match) return rejected('The Authorization header must be "Bearer <API key>".');
      return this.apiKeys.authenticate(match[1]!, requestId);
    }
    const token = readSessionToken(req);
    if (token) return this.sessions.authenticate(token, requestId);
    return ANONYMOUS;
  }
}

export function clientInfoOf(req: IncomingMessage & { ip?: string }): ClientInfo {
  const userAgent = req.headers['user-agent'];
  return { requestId: requestIdOf(req), ip: req.ip ?? req.socket.remoteAddress ?? null, userAgent: userAgent ?? null };
}

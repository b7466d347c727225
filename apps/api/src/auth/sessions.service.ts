import { Inject, Injectable } from '@nestjs/common';
import type { Actor, ClientInfo, NewSession, TSignInRequest, TUpdatePasswordRequest, TUpdatePasswordResponse } from '@prmbas/contracts';
import type { Logger } from 'pino';
import { AppError } from '../errors/app-error';
import { ROOT_LOGGER } from '../logging/logging.module';
import { ACTIVITY_WRITE_INTERVAL_MS, SESSION_TTL_MS } from './auth.constants';
import { AuthRepository } from './auth.repository';
import { auditContextOf, toUserView } from './auth.views';
import { type Authentication, rejected } from './authentication';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password-hasher';
import { generateSessionToken, sha256Hex } from './secret-tokens';

const WRONG_CREDENTIALS = 'Wrong email or password.';

/** Browser sessions: sign in with email and password, a cookie token whose sha256 is stored. */
@Injectable()
export class SessionsService {
  private readonly log: Logger;

  constructor(
    private readonly repository: AuthRepository,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'auth' });
  }

  /**
   * One answer (401, same message, same time) for an unknown email, a wrong password and a
   * disabled account, so sign-in does not reveal which accounts exist.
   */
  async signIn(input: TSignInRequest, client: ClientInfo): Promise<NewSession> {
    const user = await this.repository.findUserByEmail(input.email);
    const ok = user?.passwordHash ? await verifyPassword(input.password, user.passwordHash) : await verifyAgainstDummy(input.password);
    if (!user || !ok || user.disabledAt) {
      this.log.warn({ requestId: client.requestId, email: input.email, reason: !user ? 'unknown email' : !ok ? 'wrong password' : 'disabled' }, 'sign-in refused');
      throw AppError.unauthorized(WRONG_CREDENTIALS, { code: 'invalid_credentials' });
    }
    const token = generateSessionToken();
    const session = await this.repository.createSession(
      { actor: { userId: user.id, label: `user:${user.email}` }, requestId: client.requestId },
      { userId: user.id, tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + SESSION_TTL_MS), ip: client.ip, userAgent: client.userAgent?.slice(0, 500) ?? null },
    );
    return { user: toUserView(session.user), token, expiresAt: session.expiresAt };
  }

  async signOut(actor: Actor | null): Promise<boolean> {
    if (actor?.credential.type !== 'session') return false;
    return this.repository.revokeSession(auditContextOf(actor), actor.credential.sessionId);
  }

  async authenticate(token: string, requestId: string): Promise<Authentication> {
    const session = await this.repository.findSessionByTokenHash(sha256Hex(token));
    const now = new Date();
    if (!session || session.revokedAt) return rejected('Your session has ended; sign in again.');
    if (session.expiresAt <= now) return rejected('Your session has expired; sign in again.');
    if (session.user.disabledAt) return rejected('This account is disabled.');
    if (!session.lastSeenAt || now.getTime() - session.lastSeenAt.getTime() >= ACTIVITY_WRITE_INTERVAL_MS) {
      await this.repository.touchSession(session.id, now, new Date(now.getTime() - ACTIVITY_WRITE_INTERVAL_MS));
    }
    return {
      actor: { user: toUserView(session.user), credential: { type: 'session', sessionId: session.id }, requestId },
      credentialError: null,
    };
  }

  /** Needs the current password (a stolen session or key alone cannot take the account); signs out the other sessions. */
  async updatePassword(input: TUpdatePasswordRequest, actor: Actor): Promise<TUpdatePasswordResponse> {
    const user = await this.repository.findUserById(actor.user.id);
    if (!user?.passwordHash || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
      throw AppError.validation('currentPassword: is not your current password', { param: 'currentPassword' });
    }
    const updated = await this.repository.updateUser(
      auditContextOf(actor),
      user.id,
      { passwordHash: await hashPassword(input.newPassword) },
      { action: 'user.update_password', revokeSessionsExcept: actor.credential.type === 'session' ? actor.credential.sessionId : null },
    );
    return { updated: true, otherSessionsRevoked: updated?.revokedSessions ?? 0 };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import {
  type ApiKey,
  type ApiKeyScope,
  type AuditContext,
  type AuditEntry,
  auditedMutation,
  Prisma,
  type PrismaClient,
  type User,
  type UserRole,
  type UserSession,
} from '@prmbas/db';
import { PRISMA } from '../database/prisma.token';

export type ApiKeyWithOwner = ApiKey & { owner: User };
export type SessionWithUser = UserSession & { user: User };

export interface UserFilter {
  query?: string;
  role?: UserRole;
  includeDisabled: boolean;
  limit: number;
  cursor?: string;
}

export interface ApiKeyFilter {
  ownerId?: string;
  includeRevoked: boolean;
  limit: number;
  cursor?: string;
}

export interface NewApiKey {
  name: string;
  prefix: string;
  keyHash: string;
  scopes: ApiKeyScope[];
  ownerId: string;
  expiresAt: Date | null;
}

export interface UserChange {
  role?: UserRole;
  disabledAt?: Date | null;
  passwordHash?: string;
}

/** Thrown when a change would leave no active admin (the caller turns it into a 409). */
export class LastAdminError extends Error {
  constructor() {
    super('this would leave no active admin');
  }
}

/** A unique constraint failed (e.g. an email taken meanwhile); `fields` names the columns. */
export function uniqueViolation(error: unknown): string[] | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return undefined;
  const target = (error.meta as { target?: unknown } | undefined)?.target;
  return Array.isArray(target) ? target.map(String) : typeof target === 'string' ? [target] : [];
}

const API_KEY_ORDER = [{ createdAt: 'desc' }, { id: 'desc' }] satisfies Prisma.ApiKeyOrderByWithRelationInput[];

/**
 * Users, sessions and API keys in Postgres: the only auth file that touches Prisma. Every
 * mutation goes through `auditedMutation`, so it commits together with its audit row.
 */
@Injectable()
export class AuthRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  // ─── users ───

  findUserByEmail(email: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { email: email.toLowerCase() } });
  }

  findUserById(id: string): Promise<User | null> {
    return this.prisma.user.findUnique({ where: { id } });
  }

  /** Newest first; `cursor` is the last id of the previous page. */
  async findUsers(filter: UserFilter): Promise<{ items: User[]; nextCursor: string | null }> {
    const where: Prisma.UserWhereInput = {
      ...(filter.role ? { role: filter.role } : {}),
      ...(filter.includeDisabled ? {} : { disabledAt: null }),
      ...(filter.query
        ? { OR: [{ email: { contains: filter.query, mode: 'insensitive' } }, { name: { contains: filter.query, mode: 'insensitive' } }] }
        : {}),
    };
    const rows = await this.prisma.user.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: filter.limit + 1,
      ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
    });
    return page(rows, filter.limit);
  }

  createUser(audit: AuditContext, data: { email: string; name: string | null; role: UserRole; passwordHash: string }): Promise<User> {
    return auditedMutation(this.prisma, audit, async (tx) => {
      const user = await tx.user.create({ data: { ...data, email: data.email.toLowerCase() } });
      return { result: user, audit: { action: 'user.create', entityType: 'user', entityId: user.id, after: user } };
    });
  }

  /**
   * Applies `change` to a user. When it could remove an active admin (demotion, disabling) it runs
   * under one advisory lock and refuses to leave none, so two admins demoting each other at once
   * cannot both succeed. Also revokes the user's sessions when asked (disable, new password).
   */
  updateUser(
    audit: AuditContext,
    userId: string,
    change: UserChange,
    options: { action: string; revokeSessionsExcept?: string | null },
  ): Promise<{ user: User; revokedSessions: number } | null> {
    return auditedMutation(this.prisma, audit, async (tx) => {
      const removesAdmin = change.role !== undefined || change.disabledAt != null;
      if (removesAdmin) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('prmbas.active-admins'))`;
      const before = await tx.user.findUnique({ where: { id: userId } });
      if (!before) return { result: null, audit: [] };
      const after = await tx.user.update({ where: { id: userId }, data: change });
      if (removesAdmin && isActiveAdmin(before) && !isActiveAdmin(after)) {
        const left = await tx.user.count({ where: { role: 'admin', disabledAt: null } });
        if (left === 0) throw new LastAdminError();
      }
      const entries: AuditEntry[] = [{ action: options.action, entityType: 'user', entityId: userId, before, after }];
      let revokedSessions = 0;
      if (options.revokeSessionsExcept !== undefined) {
        const except = options.revokeSessionsExcept;
        ({ count: revokedSessions } = await tx.userSession.updateMany({
          where: { userId, revokedAt: null, ...(except ? { id: { not: except } } : {}) },
          data: { revokedAt: new Date() },
        }));
        if (revokedSessions > 0) {
          entries.push({ action: 'user_session.revoke_all', entityType: 'user', entityId: userId, after: { revoked: revokedSessions } });
        }
      }
      return { result: { user: after, revokedSessions }, audit: entries };
    });
  }

  // ─── sessions ───

  createSession(audit: AuditContext, data: { userId: string; tokenHash: string; expiresAt: Date; ip: string | null; userAgent: string | null }): Promise<SessionWithUser> {
    return auditedMutation(this.prisma, audit, async (tx) => {
      const session = await tx.userSession.create({ data: { ...data, lastSeenAt: new Date() } });
      const user = await tx.user.update({ where: { id: data.userId }, data: { lastLoginAt: session.createdAt } });
      return {
        result: { ...session, user },
        audit: { action: 'user_session.create', entityType: 'user_session', entityId: session.id, after: { ...session, userEmail: user.email } },
      };
    });
  }

  findSessionByTokenHash(tokenHash: string): Promise<SessionWithUser | null> {
    return this.prisma.userSession.findUnique({ where: { tokenHash }, include: { user: true } });
  }

  /** Revokes one session; false when it was already revoked (nothing to audit). */
  revokeSession(audit: AuditContext, sessionId: string): Promise<boolean> {
    return auditedMutation(this.prisma, audit, async (tx) => {
      const { count } = await tx.userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
      if (count === 0) return { result: false, audit: [] };
      return { result: true, audit: { action: 'user_session.revoke', entityType: 'user_session', entityId: sessionId } };
    });
  }

  /** Bookkeeping, not audited: records activity at most once per `olderThan` window, across processes. */
  async touchSession(sessionId: string, now: Date, olderThan: Date): Promise<void> {
    await this.prisma.userSession.updateMany({
      where: { id: sessionId, OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: olderThan } }] },
      data: { lastSeenAt: now },
    });
  }

  // ─── API keys ───

  createApiKey(audit: AuditContext, data: NewApiKey): Promise<ApiKeyWithOwner> {
    return auditedMutation(this.prisma, audit, async (tx) => {
      const key = await tx.apiKey.create({ data, include: { owner: true } });
      const { owner, ...row } = key;
      return { result: key, audit: { action: 'api_key.create', entityType: 'api_key', entityId: key.id, after: { ...row, ownerEmail: owner.email } } };
    });
  }

  findApiKeyByHash(keyHash: string): Promise<ApiKeyWithOwner | null> {
    return this.prisma.apiKey.findUnique({ where: { keyHash }, include: { owner: true } });
  }

  findApiKeyById(id: string): Promise<ApiKeyWithOwner | null> {
    return this.prisma.apiKey.findUnique({ where: { id }, include: { owner: true } });
  }

  async findApiKeys(filter: ApiKeyFilter): Promise<{ items: ApiKeyWithOwner[]; nextCursor: string | null }> {
    const rows = await this.prisma.apiKey.findMany({
      where: { ...(filter.ownerId ? { ownerId: filter.ownerId } : {}), ...(filter.includeRevoked ? {} : { revokedAt: null }) },
      include: { owner: true },
      orderBy: API_KEY_ORDER,
      take: filter.limit + 1,
      ...(filter.cursor ? { cursor: { id: filter.cursor }, skip: 1 } : {}),
    });
    return page(rows, filter.limit);
  }

  /** Revokes a key; a key already revoked is returned as it is, without a new audit row. */
  revokeApiKey(audit: AuditContext, id: string): Promise<ApiKeyWithOwner | null> {
    return auditedMutation(this.prisma, audit, async (tx) => {
      const before = await tx.apiKey.findUnique({ where: { id }, include: { owner: true } });
      if (!before || before.revokedAt) return { result: before, audit: [] };
      const after = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() }, include: { owner: true } });
      return { result: after, audit: { action: 'api_key.revoke', entityType: 'api_key', entityId: id, before: withoutOwner(before), after: withoutOwner(after) } };
    });
  }

  /**
   * Moves `last_used_at` only when it is older than `olderThan`: at most one write per key per
   * window, whatever the request rate and however many API processes serve it.
   */
  async touchApiKey(id: string, now: Date, olderThan: Date): Promise<boolean> {
    const { count } = await this.prisma.apiKey.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: olderThan } }] },
      data: { lastUsedAt: now },
    });
    return count > 0;
  }

  // ─── bootstrap ───

  /**
   * Runs `fn` in one transaction holding the bootstrap lock, so API processes starting together
   * against one database create the first admin and the bootstrap key once.
   */
  withBootstrapLock<T>(audit: AuditContext, fn: (tx: BootstrapTx) => Promise<{ result: T; audit: AuditEntry[] }>): Promise<T> {
    return auditedMutation(this.prisma, audit, async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('prmbas.bootstrap'))`;
      return fn(bootstrapTx(tx));
    });
  }
}

/** The few queries bootstrap needs, bound to its transaction. */
export interface BootstrapTx {
  findUserByEmail(email: string): Promise<User | null>;
  oldestActiveAdmin(): Promise<User | null>;
  createUser(data: { email: string; name: string | null; role: UserRole; passwordHash: string }): Promise<User>;
  findApiKeyByHash(keyHash: string): Promise<ApiKey | null>;
  createApiKey(data: NewApiKey): Promise<ApiKey>;
}

function bootstrapTx(tx: Prisma.TransactionClient): BootstrapTx {
  return {
    findUserByEmail: (email) => tx.user.findUnique({ where: { email: email.toLowerCase() } }),
    oldestActiveAdmin: () => tx.user.findFirst({ where: { role: 'admin', disabledAt: null }, orderBy: { createdAt: 'asc' } }),
    createUser: (data) => tx.user.create({ data: { ...data, email: data.email.toLowerCase() } }),
    findApiKeyByHash: (keyHash) => tx.apiKey.findUnique({ where: { keyHash } }),
    createApiKey: (data) => tx.apiKey.create({ data }),
  };
}

function isActiveAdmin(user: User): boolean {
  return user.role === 'admin' && user.disabledAt === null;
}

function withoutOwner({ owner: _owner, ...row }: ApiKeyWithOwner): ApiKey {
  return row;
}

function page<T extends { id: string }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

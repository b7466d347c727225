import { Injectable } from '@nestjs/common';
import type {
  Actor,
  TCreateUserRequest,
  TDisableUserRequest,
  TEnableUserRequest,
  TFindUsersRequest,
  TFindUsersResponse,
  TUpdateUserRoleRequest,
  TUser,
} from '@prmbas/contracts';
import { AppError } from '../errors/app-error';
import { AuthRepository, LastAdminError, type UserChange, uniqueViolation } from './auth.repository';
import { auditContextOf, toUserView } from './auth.views';
import { hashPassword } from './password-hasher';

/** User administration (the admin role is checked by the procedure ladder before these run). */
@Injectable()
export class UsersService {
  constructor(private readonly repository: AuthRepository) {}

  async createUser(input: TCreateUserRequest, actor: Actor): Promise<TUser> {
    const passwordHash = await hashPassword(input.password);
    try {
      const user = await this.repository.createUser(auditContextOf(actor), { email: input.email, name: input.name ?? null, role: input.role, passwordHash });
      return toUserView(user);
    } catch (error) {
      if (uniqueViolation(error)) throw AppError.conflict(`email: a user with the email ${input.email} already exists`, { param: 'email' });
      throw error;
    }
  }

  async findUsers(input: TFindUsersRequest): Promise<TFindUsersResponse> {
    const { items, nextCursor } = await this.repository.findUsers(input);
    return { items: items.map(toUserView), nextCursor };
  }

  updateUserRole(input: TUpdateUserRoleRequest, actor: Actor): Promise<TUser> {
    if (input.userId === actor.user.id && input.role !== actor.user.role) {
      throw AppError.unprocessable('userId: you cannot change your own role; ask another admin', { param: 'userId' });
    }
    return this.update(input.userId, { role: input.role }, actor, 'user.update_role');
  }

  disableUser(input: TDisableUserRequest, actor: Actor): Promise<TUser> {
    if (input.userId === actor.user.id) {
      throw AppError.unprocessable('userId: you cannot disable your own account', { param: 'userId' });
    }
    // Signed out everywhere at once; their API keys stop working while disabled (checked per request).
    return this.update(input.userId, { disabledAt: new Date() }, actor, 'user.disable', null);
  }

  enableUser(input: TEnableUserRequest, actor: Actor): Promise<TUser> {
    return this.update(input.userId, { disabledAt: null }, actor, 'user.enable');
  }

  private async update(userId: string, change: UserChange, actor: Actor, action: string, revokeSessionsExcept?: null): Promise<TUser> {
    const current = await this.repository.findUserById(userId);
    if (!current) throw AppError.notFound('user', userId, { param: 'userId' });
    // Nothing would change: no write, no audit row (disabling twice keeps the first date).
    if (isNoop(current, change)) return toUserView(current);
    try {
      const updated = await this.repository.updateUser(auditContextOf(actor), userId, change, { action, revokeSessionsExcept });
      if (!updated) throw AppError.notFound('user', userId, { param: 'userId' });
      return toUserView(updated.user);
    } catch (error) {
      if (error instanceof LastAdminError) throw AppError.conflict('This would leave the platform without an active admin.', { param: 'userId' });
      throw error;
    }
  }
}

function isNoop(user: { role: string; disabledAt: Date | null }, change: UserChange): boolean {
  if (change.role !== undefined && change.role !== user.role) return false;
  if (change.disabledAt !== undefined && (change.disabledAt === null) !== (user.disabledAt === null)) return false;
  return change.passwordHash === undefined;
}

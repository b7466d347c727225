import { Injectable } from '@nestjs/common';
import type { AuthService as AuthServiceContract } from '@prmbas/contracts';
import { ApiKeysService } from './api-keys.service';
import { SessionsService } from './sessions.service';
import { UsersService } from './users.service';

/**
 * The auth domain as the tRPC router sees it (the `AuthService` interface of contracts), composed
 * of the sessions, users and API keys services.
 */
@Injectable()
export class AuthService implements AuthServiceContract {
  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  signIn: AuthServiceContract['signIn'] = (input, client) => this.sessions.signIn(input, client);
  signOut: AuthServiceContract['signOut'] = (actor) => this.sessions.signOut(actor);
  updatePassword: AuthServiceContract['updatePassword'] = (input, actor) => this.sessions.updatePassword(input, actor);

  createUser: AuthServiceContract['createUser'] = (input, actor) => this.users.createUser(input, actor);
  findUsers: AuthServiceContract['findUsers'] = (input) => this.users.findUsers(input);
  updateUserRole: AuthServiceContract['updateUserRole'] = (input, actor) => this.users.updateUserRole(input, actor);
  disableUser: AuthServiceContract['disableUser'] = (input, actor) => this.users.disableUser(input, actor);
  enableUser: AuthServiceContract['enableUser'] = (input, actor) => this.users.enableUser(input, actor);

  createApiKey: AuthServiceContract['createApiKey'] = (input, actor) => this.apiKeys.createApiKey(input, actor);
  findApiKeys: AuthServiceContract['findApiKeys'] = (input, actor) => this.apiKeys.findApiKeys(input, actor);
  revokeApiKey: AuthServiceContract['revokeApiKey'] = (input, actor) => this.apiKeys.revokeApiKey(input, actor);
}

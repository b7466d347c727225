import type { Actor, ClientInfo } from './actor';
import type {
  TApiKey,
  TCreateApiKeyRequest,
  TCreateApiKeyResponse,
  TFindApiKeysRequest,
  TFindApiKeysResponse,
  TRevokeApiKeyRequest,
} from './api-key.schemas';
import type { TSignInRequest, TUpdatePasswordRequest, TUpdatePasswordResponse } from './session.schemas';
import type {
  TCreateUserRequest,
  TDisableUserRequest,
  TEnableUserRequest,
  TFindUsersRequest,
  TFindUsersResponse,
  TUpdateUserRoleRequest,
  TUser,
} from './user.schemas';

/** A new browser session: the token goes into the cookie, only its hash is stored. */
export interface NewSession {
  user: TUser;
  token: string;
  expiresAt: Date;
}

/**
 * What the auth router needs from the server. The api implements it (apps/api/src/auth) and puts
 * it into the tRPC context; contracts never see its code. Methods throw the server's typed errors
 * (wrong password → unauthorized, last admin → conflict), which the context maps to tRPC codes.
 * Role checks are done by the procedure ladder; ownership checks (whose key) by the service.
 */
export interface AuthService {
  signIn(input: TSignInRequest, client: ClientInfo): Promise<NewSession>;
  /** Revokes the caller's session, if it is one. */
  signOut(actor: Actor | null): Promise<boolean>;
  updatePassword(input: TUpdatePasswordRequest, actor: Actor): Promise<TUpdatePasswordResponse>;

  createUser(input: TCreateUserRequest, actor: Actor): Promise<TUser>;
  findUsers(input: TFindUsersRequest, actor: Actor): Promise<TFindUsersResponse>;
  updateUserRole(input: TUpdateUserRoleRequest, actor: Actor): Promise<TUser>;
  disableUser(input: TDisableUserRequest, actor: Actor): Promise<TUser>;
  enableUser(input: TEnableUserRequest, actor: Actor): Promise<TUser>;

  createApiKey(input: TCreateApiKeyRequest, actor: Actor): Promise<TCreateApiKeyResponse>;
  findApiKeys(input: TFindApiKeysRequest, actor: Actor): Promise<TFindApiKeysResponse>;
  revokeApiKey(input: TRevokeApiKeyRequest, actor: Actor): Promise<TApiKey>;
}

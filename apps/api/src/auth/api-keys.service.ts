import { Injectable } from '@nestjs/common';
import {
  type Actor,
  roleAtLeast,
  scopesGrant,
  type TApiKey,
  type TApiKeyScope,
  type TCreateApiKeyRequest,
  type TCreateApiKeyResponse,
  type TFindApiKeysRequest,
  type TFindApiKeysResponse,
  type TRevokeApiKeyRequest,
} from '@prmbas/contracts';
import { AppError } from '../errors/app-error';
import { ACTIVITY_WRITE_INTERVAL_MS } from './auth.constants';
import { AuthRepository, uniqueViolation } from './auth.repository';
import { auditContextOf, toApiKeyView, toUserView } from './auth.views';
import { type Authentication, rejected } from './authentication';
import { apiKeyPrefixOf, generateApiKey, sha256Hex } from './secret-tokens';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A fresh key's prefix colliding with another is a 1-in-2^48 event; retrying covers it. */
const CREATE_ATTEMPTS = 3;

/** API keys: `pb_…` shown once, stored as sha256, scoped, revocable, bounded by the owner's role. */
@Injectable()
export class ApiKeysService {
  constructor(private readonly repository: AuthRepository) {}

  async createApiKey(input: TCreateApiKeyRequest, actor: Actor): Promise<TCreateApiKeyResponse> {
    const scopes = [...new Set(input.scopes)];
    if (scopes.includes('admin') && actor.user.role !== 'admin') {
      throw AppError.forbidden("scopes: only admins can create keys with the 'admin' scope", { param: 'scopes' });
    }
    // A key cannot mint a key that can do more than itself.
    const credential = actor.credential;
    if (credential.type === 'api_key') {
      const beyond = scopes.filter((scope) => !scopesGrant(credential.scopes, scope));
      if (beyond.length) throw AppError.forbidden(`scopes: this API key cannot grant ${beyond.join(', ')}`, { param: 'scopes' });
    }
    const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null;
    for (let attempt = 1; ; attempt++) {
      const key = generateApiKey();
      try {
        const row = await this.repository.createApiKey(auditContextOf(actor), {
          name: input.name,
          prefix: apiKeyPrefixOf(key),
          keyHash: sha256Hex(key),
          scopes,
          ownerId: actor.user.id,
          expiresAt,
        });
        return { apiKey: toApiKeyView(row), key };
      } catch (error) {
        if (!uniqueViolation(error) || attempt >= CREATE_ATTEMPTS) throw error;
      }
    }
  }

  async findApiKeys(input: TFindApiKeysRequest, actor: Actor): Promise<TFindApiKeysResponse> {
    const others = input.allOwners || (input.ownerId !== undefined && input.ownerId !== actor.user.id);
    if (others) this.requireAdmin(actor, input.allOwners ? 'allOwners' : 'ownerId');
    const ownerId = input.allOwners ? undefined : (input.ownerId ?? actor.user.id);
    const { items, nextCursor } = await this.repository.findApiKeys({ ...input, ownerId });
    return { items: items.map(toApiKeyView), nextCursor };
  }

  /** Someone else's key is "not found" unless the caller is an admin: ids of others' keys reveal nothing. */
  async revokeApiKey(input: TRevokeApiKeyRequest, actor: Actor): Promise<TApiKey> {
    const key = await this.repository.findApiKeyById(input.apiKeyId);
    if (!key || (key.ownerId !== actor.user.id && !this.isAdmin(actor))) throw AppError.notFound('API key', input.apiKeyId, { param: 'apiKeyId' });
    const revoked = await this.repository.revokeApiKey(auditContextOf(actor), key.id);
    if (!revoked) throw AppError.notFound('API key', input.apiKeyId, { param: 'apiKeyId' });
    return toApiKeyView(revoked);
  }

  async authenticate(key: string, requestId: string): Promise<Authentication> {
    const row = await this.repository.findApiKeyByHash(sha256Hex(key));
    const now = new Date();
    if (!row) return rejected('Invalid API key.');
    if (row.revokedAt) return rejected(`The API key ${row.prefix}… was revoked.`);
    if (row.expiresAt && row.expiresAt <= now) return rejected(`The API key ${row.prefix}… has expired.`);
    if (row.owner.disabledAt) return rejected(`The owner of the API key ${row.prefix}… is disabled.`);
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= ACTIVITY_WRITE_INTERVAL_MS) {
      await this.repository.touchApiKey(row.id, now, new Date(now.getTime() - ACTIVITY_WRITE_INTERVAL_MS));
    }
    return {
      actor: { user: toUserView(row.owner), credential: { type: 'api_key', apiKeyId: row.id, prefix: row.prefix, scopes: row.scopes as TApiKeyScope[] }, requestId },
      credentialError: null,
    };
  }

  private isAdmin(actor: Actor): boolean {
    return roleAtLeast(actor.user.role, 'admin') && (actor.credential.type === 'session' || scopesGrant(actor.credential.scopes, 'admin'));
  }

  private requireAdmin(actor: Actor, param: string): void {
    if (!this.isAdmin(actor)) throw AppError.forbidden(`${param}: only admins can see other users' API keys`, { param });
  }
}

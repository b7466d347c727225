import { z } from 'zod';
import { ZDateTime, ZId, ZPageInfo, ZPageRequest } from '../common/schemas';
import { ZApiKeyScope } from './roles';

/** An API key as lists show it: never the key, only its first characters (`prefix`). */
export const ZApiKey = z.object({
  id: ZId,
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(ZApiKeyScope),
  owner: z.object({ id: ZId, email: z.string() }),
  expiresAt: ZDateTime.nullable(),
  revokedAt: ZDateTime.nullable(),
  lastUsedAt: ZDateTime.nullable(),
  createdAt: ZDateTime,
});
export type TApiKey = z.infer<typeof ZApiKey>;

export const ZCreateApiKeyRequest = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(ZApiKeyScope).min(1, { error: 'name at least one scope' }),
  /** Days until the key stops working; omitted: it works until revoked. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type TCreateApiKeyRequest = z.infer<typeof ZCreateApiKeyRequest>;
/** `key` is shown this once: only its sha256 is stored. */
export const ZCreateApiKeyResponse = z.object({ apiKey: ZApiKey, key: z.string() });
export type TCreateApiKeyResponse = z.infer<typeof ZCreateApiKeyResponse>;

export const ZFindApiKeysRequest = ZPageRequest.extend({
  /** Admins may list anyone's keys (or everyone's, with `allOwners`); others only their own. */
  ownerId: ZId.optional(),
  allOwners: z.boolean().default(false),
  includeRevoked: z.boolean().default(true),
});
export type TFindApiKeysRequest = z.infer<typeof ZFindApiKeysRequest>;
export const ZFindApiKeysResponse = ZPageInfo.extend({ items: z.array(ZApiKey) });
export type TFindApiKeysResponse = z.infer<typeof ZFindApiKeysResponse>;

/** Owners revoke their own keys, admins anyone's. Revoking twice is not an error. */
export const ZRevokeApiKeyRequest = z.object({ apiKeyId: ZId });
export type TRevokeApiKeyRequest = z.infer<typeof ZRevokeApiKeyRequest>;
export const ZRevokeApiKeyResponse = ZApiKey;
export type TRevokeApiKeyResponse = z.infer<typeof ZRevokeApiKeyResponse>;

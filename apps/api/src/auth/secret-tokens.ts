import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys and session tokens: 256 random bits, base64url. Being high-entropy, a plain sha256 is
 * enough to store them (no salt or slow hash needed: nothing to brute-force), and it lets a
 * request find its key by an indexed equality lookup.
 */
export const API_KEY_PREFIX = 'pb_';
/** `pb_` + 8 characters: what lists show so a user can tell keys apart (unique in the table). */
export const API_KEY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A readable, typable random password (for a generated first admin). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The shown part of a key; for keys not made by us (BOOTSTRAP_API_KEY) the same number of characters. */
export function apiKeyPrefixOf(key: string): string {
  return key.slice(0, API_KEY_PREFIX_LENGTH);
}

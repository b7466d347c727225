import { describe, expect, it } from 'vitest';
import { apiKeyPrefixOf, generateApiKey, generateSessionToken, sha256Hex } from './secret-tokens';

describe('secret tokens', () => {
  it('makes pb_ keys with 256 random bits and an 11-character prefix', () => {
    const key = generateApiKey();
    expect(key).toMatch(/^pb_[A-Za-z0-9_-]{43}$/);
    expect(apiKeyPrefixOf(key)).toBe(key.slice(0, 11));
    expect(generateApiKey()).not.toBe(key);
    expect(generateSessionToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('stores the sha256 in hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

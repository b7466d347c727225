import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password-hasher';

// Small parameters keep the unit tests fast; the format and the comparison are what is tested.
const FAST = { ln: 10, r: 8, p: 1 };

describe('password hashing (scrypt, PHC strings)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse', FAST);
    expect(hash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct horse ', hash)).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('same', FAST)).not.toBe(await hashPassword('same', FAST));
  });

  it('uses the parameters stored in the hash, so stronger defaults still verify old hashes', async () => {
    const old = await hashPassword('pw', { ln: 9, r: 4, p: 1 });
    expect(await verifyPassword('pw', old)).toBe(true);
  });

  it('never matches (nor throws on) malformed or absurd hashes', async () => {
    for (const bad of ['', 'plain', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA', '$scrypt$ln=40,r=8,p=1$c2FsdA$aGFzaA']) {
      expect(await verifyPassword('pw', bad)).toBe(false);
    }
  });

  it('normalises Unicode, so the same password typed on another keyboard matches', async () => {
    const hash = await hashPassword('caf\u00e9', FAST);
    expect(await verifyPassword('cafe\u0301', hash)).toBe(true);
  });

  it('the dummy verification always says no', async () => {
    expect(await verifyAgainstDummy('anything')).toBe(false);
  });
});

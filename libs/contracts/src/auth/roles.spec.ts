import { describe, expect, it } from 'vitest';
import { roleAtLeast, scopesGrant } from './roles';

describe('roles and scopes', () => {
  it('orders roles viewer < annotator < researcher < admin', () => {
    expect(roleAtLeast('admin', 'researcher')).toBe(true);
    expect(roleAtLeast('researcher', 'annotator')).toBe(true);
    expect(roleAtLeast('annotator', 'researcher')).toBe(false);
    expect(roleAtLeast('viewer', 'viewer')).toBe(true);
  });

  it('lets broader scopes imply narrower ones, never the other way', () => {
    expect(scopesGrant(['write'], 'read')).toBe(true);
    expect(scopesGrant(['read'], 'write')).toBe(false);
    expect(scopesGrant(['admin'], 'inference')).toBe(true);
    expect(scopesGrant(['write'], 'inference')).toBe(false);
    expect(scopesGrant([], 'read')).toBe(false);
  });
});

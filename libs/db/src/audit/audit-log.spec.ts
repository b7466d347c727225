import { describe, expect, it } from 'vitest';
import { toAuditJson } from './audit-log';

describe('toAuditJson', () => {
  it('makes rows JSON-safe: dates, bigints, bytes, nested values', () => {
    expect(
      toAuditJson({
        at: new Date('2030-01-02T03:04:05.000Z'),
        big: 12n,
        data: new Uint8Array(5),
        list: [1, undefined, { ok: true }],
        skipped: undefined,
        nan: Number.NaN,
      }),
    ).toEqual({ at: '2030-01-02T03:04:05.000Z', big: '12', data: { $bytes: 5 }, list: [1, null, { ok: true }], nan: 'NaN' });
  });

  it('redacts secrets wherever they are', () => {
    expect(toAuditJson({ email: 'a@b.c', passwordHash: 'scrypt$…', nested: { keyHash: 'abc', token_hash: 'def' }, gone: { passwordHash: null } })).toEqual({
      email: 'a@b.c',
      passwordHash: '[redacted]',
      nested: { keyHash: '[redacted]', token_hash: '[redacted]' },
      gone: { passwordHash: null },
    });
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a['self'] = a;
    expect(toAuditJson(a)).toEqual({ name: 'a', self: '[circular]' });
  });
});

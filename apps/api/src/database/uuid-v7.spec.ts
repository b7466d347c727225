import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uuidV7 } from './uuid-v7';

describe('uuidV7', () => {
  it('is a valid version-7 UUID carrying the time, ordered by it', () => {
    const a = uuidV7(1_700_000_000_000);
    const b = uuidV7(1_700_000_000_001);
    expect(z.uuid().safeParse(a).success).toBe(true);
    expect(parseInt(a.replace(/-/g, '').slice(0, 12), 16)).toBe(1_700_000_000_000);
    expect(a < b).toBe(true);
  });

  it('makes UUIDv7s carrying the time, strictly increasing within a process', () => {
    const now = Date.UTC(2025, 0, 31, 12);
    const ids = Array.from({ length: 5000 }, () => uuidV7(now));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // A clock that steps back does not reorder ids either.
    const later = uuidV7(now - 10_000);
    expect(later > ids.at(-1)!).toBe(true);
  });
});

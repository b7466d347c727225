import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresLocation } from './postgres-location';

const scratch = mkdtempSync(path.join(tmpdir(), 'prmbas-pgloc-'));
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('postgresLocation', () => {
  const base = path.join(scratch, 'var-lib');
  const hidden = path.join(scratch, 'home');
  mkdirSync(hidden, { mode: 0o700 });
  chmodSync(hidden, 0o700);
  const dataDir = path.join(hidden, 'clone', '.data');

  it('is DATA_DIR/postgres when not root, or when every folder above it is reachable', async () => {
    expect(await postgresLocation(dataDir, false, base)).toEqual({ dir: path.join(dataDir, 'postgres'), movedBecause: null });
    const open = path.join(scratch, 'open', '.data');
    expect(await postgresLocation(open, true, base)).toEqual({ dir: path.join(open, 'postgres'), movedBecause: null });
  });

  it('moves a new cluster out of a folder the postgres user cannot enter, and records where', async () => {
    const where = await postgresLocation(dataDir, true, base);
    expect(where.dir).toMatch(new RegExp(`^${base}/postgres-[0-9a-f]{12}$`));
    expect(where.movedBecause).toBe(`the postgres system user cannot enter ${hidden} (mode 700)`);
    expect(readFileSync(path.join(dataDir, 'stack', 'postgres-location'), 'utf8').trim()).toBe(where.dir);
    // Stable: the same DATA_DIR finds the same cluster at the next start.
    expect((await postgresLocation(dataDir, true, base)).dir).toBe(where.dir);
  });

  it('keeps a cluster that already exists in DATA_DIR/postgres', async () => {
    const kept = path.join(hidden, 'older', '.data');
    mkdirSync(path.join(kept, 'postgres'), { recursive: true });
    writeFileSync(path.join(kept, 'postgres', 'PG_VERSION'), '18\n');
    expect(await postgresLocation(kept, true, base)).toEqual({ dir: path.join(kept, 'postgres'), movedBecause: null });
  });
});

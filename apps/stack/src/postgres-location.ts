/**
 * Where the embedded Postgres keeps its cluster: DATA_DIR/postgres. One exception: run as root (a
 * container, a fresh VM), the server runs as the `postgres` system user, which cannot enter a 0700
 * folder above DATA_DIR — typically /root, where people clone. Rather than fail the first start,
 * the cluster then lives in /var/lib/prmbas/postgres-<hash of DATA_DIR> (persistent, reachable),
 * and the start says so and records it in DATA_DIR/stack/postgres-location.
 */
import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { folderBlockingPostgres } from '@prmbas/db';

export const ROOT_POSTGRES_BASE = '/var/lib/prmbas';

export interface PostgresLocation {
  dir: string;
  /** Why it is not DATA_DIR/postgres, or null. */
  movedBecause: string | null;
}

export async function postgresLocation(dataDir: string, isRoot = process.getuid?.() === 0, base = ROOT_POSTGRES_BASE): Promise<PostgresLocation> {
  const preferred = path.join(dataDir, 'postgres');
  // A cluster made earlier stays where it is (it was reachable then, or the user fixed the modes).
  if (!isRoot || existsSync(path.join(preferred, 'PG_VERSION'))) return { dir: preferred, movedBecause: null };
  const blocking = await folderBlockingPostgres(dataDir);
  if (!blocking) return { dir: preferred, movedBecause: null };
  const dir = path.join(base, `postgres-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`);
  await fs.mkdir(base, { recursive: true, mode: 0o755 });
  await fs.mkdir(path.join(dataDir, 'stack'), { recursive: true });
  await fs.writeFile(path.join(dataDir, 'stack', 'postgres-location'), `${dir}\n`);
  return { dir, movedBecause: `the postgres system user cannot enter ${blocking.folder} (mode ${blocking.mode.toString(8)})` };
}

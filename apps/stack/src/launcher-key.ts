/**
 * The API key the launcher seeds the demo with: BOOTSTRAP_API_KEY when the user set one, else a
 * key generated at the first start and kept in DATA_DIR/stack/admin-api-key (mode 0600). Either
 * way it goes to the API as BOOTSTRAP_API_KEY, which stores it (hashed) as the first admin's key,
 * so scripts on this machine can use it too (the start banner says where it is).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface LauncherKey {
  key: string;
  /** The file holding it, or null when it came from the environment. */
  file: string | null;
}

export async function launcherKey(dataDir: string, fromEnv: string | undefined): Promise<LauncherKey> {
  if (fromEnv) return { key: fromEnv, file: null };
  const file = path.join(dataDir, 'stack', 'admin-api-key');
  try {
    const stored = (await fs.readFile(file, 'utf8')).trim();
    if (stored.length >= 20) return { key: stored, file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = `pb_${randomBytes(32).toString('base64url')}`;
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${key}\n`, { mode: 0o600 });
  return { key, file };
}

/**
 * Where the Prisma files live: `$PRMBAS_PRISMA_DIR`, else the nearest `prisma/` folder (holding
 * schema.prisma) above this file, i.e. the workspace's top-level `prisma/`. A bundled app that
 * does not ship the workspace layout sets PRMBAS_PRISMA_DIR or passes folders explicitly.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let cached: string | undefined;

export function prismaDir(): string {
  const fromEnv = process.env['PRMBAS_PRISMA_DIR'];
  if (fromEnv) return resolve(fromEnv);
  if (cached) return cached;
  const start = typeof __dirname === 'string' ? __dirname : process.cwd();
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'prisma', 'schema.prisma'))) return (cached = join(dir, 'prisma'));
    if (dirname(dir) === dir) break;
  }
  throw new Error(`no prisma/schema.prisma found above ${start}; set PRMBAS_PRISMA_DIR`);
}

export function schemaPath(): string {
  return join(prismaDir(), 'schema.prisma');
}

export function migrationsDir(): string {
  return join(prismaDir(), 'migrations');
}

// Prisma CLI configuration. Prisma 7 reads connection URLs from here, no longer from schema.prisma.
// Only the CLI uses it: `prisma generate` (scripts/prisma-generate.js, on postinstall) and, wherever
// the CLI's engine binary is available, `prisma migrate deploy | status | resolve`. The apps and
// workers migrate with `applyMigrations` from @prmbas/db, which needs no engine (prisma/README.md).
import { defineConfig } from 'prisma/config';

const url = process.env['DATABASE_URL'];

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // Not env('DATABASE_URL'): that throws when unset, and `prisma generate` must work without it.
  ...(url ? { datasource: { url } } : {}),
});

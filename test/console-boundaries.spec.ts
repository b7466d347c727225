import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');

/** Lints `code` as if it were a console source file. */
async function lintConsole(code: string) {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, 'apps/console/src/probe.tsx') });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('console module boundaries (scope:web)', () => {
  it('keep server libraries and server packages out of the console', async () => {
    const db = await lintConsole("import { startDatabase } from '@prmbas/db';\nexport const y = startDatabase;\n");
    expect(db.join('\n')).toMatch(/scope:web" can only depend on libs tagged with "scope:shared", "scope:web"/);
    const prisma = await lintConsole("import { PrismaClient } from '@prisma/client';\nexport const y = PrismaClient;\n");
    expect(prisma.join('\n')).toMatch(/not allowed to import "@prisma\/client"/);
    const trpcServer = await lintConsole("import { initTRPC } from '@trpc/server';\nexport const y = initTRPC;\n");
    expect(trpcServer.join('\n')).toMatch(/not allowed to import "@trpc\/server"/);
  });

  it('allow contracts for types only (its index starts the server tRPC instance)', async () => {
    expect(await lintConsole("import type { AppRouter } from '@prmbas/contracts';\nexport type Y = AppRouter;\n")).toEqual([]);
    const value = await lintConsole("import { appRouter } from '@prmbas/contracts';\nexport const y = appRouter;\n");
    expect(value.join('\n')).toMatch(/may import only types from contracts/);
  });
});

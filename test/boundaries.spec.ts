import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
/** Tagged like libs/search and depended on by nothing (see fixtures/boundary-probe/README.md). */
const probe = 'test/fixtures/boundary-probe/src/probe.ts';

/** Lints `code` as if it were a file at `file` (relative to the workspace root). */
async function lint(file: string, code: string) {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const tagsOf = (projectJson: string) => JSON.parse(readFileSync(path.join(root, projectJson), 'utf8')).tags as string[];

describe('Nx module boundaries', () => {
  it('the probe carries the same tags as the search core', () => {
    expect(tagsOf('test/fixtures/boundary-probe/project.json').sort()).toEqual(tagsOf('libs/search/project.json').sort());
  });

  it('forbid a library from importing an application', async () => {
    const messages = await lint(probe, "import '@prmbas/cli';\n");
    expect(messages.join('\n')).toMatch(/enforce-module-boundaries: Imports of apps are forbidden/);
  });

  it('forbid the core from importing the ML layer', async () => {
    const messages = await lint(probe, "import { SimPolicy } from '@prmbas/policy';\nexport const y = SimPolicy;\n");
    expect(messages.join('\n')).toMatch(/scope:core" can only depend on libs tagged with "scope:core", "scope:shared"/);
  });

  it('forbid an io:none library from importing a library that does IO', async () => {
    const messages = await lint(probe, "import { loadBenchmark } from '@prmbas/tasks';\nexport const y = loadBenchmark;\n");
    expect(messages.join('\n')).toMatch(/io:none" can only depend on libs tagged with "io:none"/);
  });

  it('forbid Node IO modules and IO packages in search', async () => {
    const messages = await lint(
      'libs/search/src/probe.ts',
      "import fs from 'node:fs';\nimport { PNG } from 'pngjs';\nexport const y = [fs, PNG];\n",
    );
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
    expect(messages.some((m) => m.includes('not allowed to import "pngjs"'))).toBe(true);
  });

  it('keep server code out of contracts (shared with the browser)', async () => {
    const file = 'libs/contracts/src/probe.ts';
    const server = await lint(file, "import { Injectable } from '@nestjs/common';\nimport { PrismaClient } from '@prisma/client';\nexport const y = [Injectable, PrismaClient];\n");
    expect(server.filter((m) => m.includes('not allowed to import'))).toHaveLength(2);
    expect((await lint(file, "import { createHash } from 'node:crypto';\nexport const y = createHash;\n")).join('\n')).toMatch(/no-restricted-imports/);
    expect((await lint(file, "import { initTRPC } from '@trpc/server';\nimport { z } from 'zod';\nexport const y = [initTRPC, z];\n"))).toEqual([]);
  });

  it('allow the imports the architecture intends', async () => {
    expect(await lint(probe, "import { Rng } from '@prmbas/search';\nexport const r = new Rng(1);\n")).toEqual([]);
    expect(await lint('libs/policy/src/probe.ts', "import { isCorrect } from '@prmbas/tasks';\nexport const f = isCorrect;\n")).toEqual([]);
  });
});

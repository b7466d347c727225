#!/usr/bin/env node
/**
 * `prisma generate` for the workspace: writes the Prisma client to libs/db/src/generated/prisma
 * (gitignored) from prisma/schema.prisma. Runs as the root `postinstall`, so `npm ci` leaves a
 * working client; `npm run db:generate` runs it by hand (strict).
 *
 * - Prisma 7's CLI insists on a schema-engine binary even for `generate`, which never runs it, and
 *   its download is denied here (npm `allowScripts` blocks @prisma/engines' postinstall; machines
 *   may be offline). When PRISMA_SCHEMA_ENGINE_BINARY is unset we point it at a placeholder file.
 * - CHECKPOINT_DISABLE=1: no telemetry or update check.
 * - As postinstall it never fails the install: if the CLI is missing (production install without
 *   devDependencies) or generation fails, it prints a warning and exits 0; typechecking then fails
 *   on the missing client. With --strict (db:generate, CI) a failure is an error.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const strict = process.argv.includes('--strict');

function giveUp(message) {
  if (strict) {
    console.error(`prisma-generate: ${message}`);
    process.exit(1);
  }
  console.warn(`prisma-generate: ${message} (skipped; run \`npm run db:generate\` to retry)`);
  process.exit(0);
}

let cli;
try {
  cli = require.resolve('prisma/build/index.js', { paths: [root] });
} catch {
  giveUp('the prisma CLI is not installed');
}

const env = { ...process.env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const placeholder = join(root, 'node_modules', '.cache', 'prmbas', 'schema-engine-placeholder');
  if (!existsSync(placeholder)) {
    mkdirSync(join(placeholder, '..'), { recursive: true });
    writeFileSync(placeholder, 'Not an engine: `prisma generate` only checks that this file exists (scripts/prisma-generate.js).\n');
  }
  env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
}

const result = spawnSync(process.execPath, [cli, 'generate', '--schema', join('prisma', 'schema.prisma')], { cwd: root, env, stdio: 'inherit' });
if (result.error) giveUp(`could not run the prisma CLI: ${result.error.message}`);
if (result.status !== 0) giveUp(`prisma generate exited with ${result.status ?? result.signal}`);

// CommonJS require hook: compiles TypeScript sources with SWC, keeping decorator metadata (NestJS
// needs `design:paramtypes`, which tsx/esbuild do not emit).
//
//   node -r ./tools/swc-register.js apps/api/src/main.ts
//
// Workspace libraries resolve to their TypeScript sources through node_modules symlinks (each
// package's `main` is `src/index.ts`) and go through the same hook. Extensionless relative imports
// (`./foo`) resolve to `./foo.ts` because Node's CommonJS resolver tries every registered extension.
// ESM-only dependencies (NestJS 12, tRPC 11) load through Node's require(esm) (Node >= 20.19).
//
// Output is cached on disk, keyed by a hash of the SWC version, the options, the file name and the
// source, so a restart compiles nothing that did not change.
//   PRMBAS_SWC_CACHE_DIR  cache folder (default: <workspace>/node_modules/.cache/prmbas-swc)
//   PRMBAS_SWC_CACHE=0    compile every time, touch no cache
'use strict';

const Module = require('node:module');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const swc = require('@swc/core');

const workspaceRoot = path.resolve(__dirname, '..');
const cacheEnabled = process.env.PRMBAS_SWC_CACHE !== '0';
const cacheDir = path.resolve(
  process.env.PRMBAS_SWC_CACHE_DIR || path.join(workspaceRoot, 'node_modules', '.cache', 'prmbas-swc'),
);

/** Mirrors tsconfig.base.json: ES2022, legacy decorators with metadata, CommonJS output. */
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', tsx: false, decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs', strictMode: true, ignoreDynamic: true },
  sourceMaps: 'inline',
  swcrc: false,
  configFile: false,
};

// Both the options and the compiler version decide the output: either changing invalidates all.
const optionsDigest = crypto
  .createHash('sha256')
  .update(`${swc.version}\0${JSON.stringify(swcOptions)}`)
  .digest('hex');

function cachePathFor(filename, source) {
  const key = crypto.createHash('sha256').update(optionsDigest).update('\0').update(filename).update('\0').update(source).digest('hex');
  return path.join(cacheDir, key.slice(0, 2), `${key}.js`);
}

function readCache(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Write-then-rename, so a concurrent reader never sees half a file. A cache that cannot be written is only slower. */
function writeCache(file, code) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
  } catch {
    /* read-only or full disk: run uncached */
  }
}

function compile(source, filename) {
  const cacheFile = cacheEnabled ? cachePathFor(filename, source) : undefined;
  const cached = cacheFile && readCache(cacheFile);
  if (cached !== undefined && cached !== '') return cached;
  const { code } = swc.transformSync(source, { ...swcOptions, filename });
  if (cacheFile) writeCache(cacheFile, code);
  return code;
}

function loadTypeScript(module, filename) {
  if (filename.endsWith('.d.ts')) throw new Error(`swc-register: refusing to execute a declaration file: ${filename}`);
  const source = fs.readFileSync(filename, 'utf8');
  module._compile(compile(source, filename), filename);
}

if (!Module._extensions['.ts'] || Module._extensions['.ts'].name !== 'loadTypeScript') {
  Module._extensions['.ts'] = loadTypeScript;
  // Stack traces point at TypeScript lines (the inline source maps).
  if (typeof process.setSourceMapsEnabled === 'function') process.setSourceMapsEnabled(true);
}

module.exports = { compile, cacheDir };

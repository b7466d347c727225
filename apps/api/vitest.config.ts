import swc from 'unplugin-swc';
import { mergeConfig } from 'vitest/config';
import { projectVitestConfig } from '../../vitest.shared';

// NestJS needs decorator metadata (design:paramtypes), which Vite's default transform does not
// emit: SWC compiles the TypeScript here, with the options tools/swc-register.js uses at runtime.
// Integration tests run against real Postgres: one embedded server for the whole run (libs/db's
// globalSetup), a fresh database per test API (startTestApi → createTestDatabase).
export default mergeConfig(projectVitestConfig({ testTimeout: 60_000 }), {
  test: { globalSetup: ['../../libs/db/src/testing/vitest-global-setup.ts'] },
  plugins: [
    swc.vite({
      tsconfigFile: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'es6' },
    }),
  ],
});

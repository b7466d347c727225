import { mergeConfig } from 'vitest/config';
import { projectVitestConfig } from '../../vitest.shared';

// Integration tests run real worker processes against real Postgres: one embedded server for the
// run (libs/db's globalSetup), a fresh database per test file (createTestDatabase).
export default mergeConfig(projectVitestConfig({ testTimeout: 60_000 }), {
  test: { globalSetup: ['../../libs/db/src/testing/vitest-global-setup.ts'], hookTimeout: 60_000 },
});

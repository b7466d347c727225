import { mergeConfig } from 'vitest/config';
import { projectVitestConfig } from '../../vitest.shared';

// Integration tests use real Postgres: one embedded server for the run (globalSetup), a fresh
// database per test file (createTestDatabase).
export default mergeConfig(projectVitestConfig(), { test: { globalSetup: ['./src/testing/vitest-global-setup.ts'] } });

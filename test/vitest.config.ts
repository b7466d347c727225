import { projectVitestConfig } from '../vitest.shared';

// Whole-system tests: they spawn the real CLI and the real linter, so they get more time.
export default projectVitestConfig({ include: ['**/*.spec.ts'], testTimeout: 180_000 });

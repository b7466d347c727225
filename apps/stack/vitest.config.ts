import { projectVitestConfig } from '../../vitest.shared';

export default projectVitestConfig({ include: ['src/**/*.spec.ts'], testTimeout: 30_000 });

import swc from 'unplugin-swc';
import { mergeConfig } from 'vitest/config';
import { projectVitestConfig } from '../../vitest.shared';

// NestJS needs decorator metadata (design:paramtypes), which Vite's default transform does not
// emit: SWC compiles the TypeScript here, with the options tools/swc-register.js uses at runtime.
export default mergeConfig(projectVitestConfig({ testTimeout: 60_000 }), {
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

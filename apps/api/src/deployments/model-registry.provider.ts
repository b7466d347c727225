/**
 * The PRM model kinds this API process can load for served search: the ones @prmbas/prm builds in
 * (shared with the worker) plus MODEL_PLUGINS, the API's counterpart of WORKER_PLUGINS. Tests and
 * benchmarks register more on the instance (`app.get(MODEL_REGISTRY).register(testMlpKind)`).
 */
import type { Provider } from '@nestjs/common';
import { loadModelPlugins, ModelRegistry, registerBuiltinModelKinds } from '@prmbas/prm';
import type { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { ROOT_LOGGER } from '../logging/logging.module';

/** Injection token of the process' `ModelRegistry`. */
export const MODEL_REGISTRY = Symbol('MODEL_REGISTRY');

export const modelRegistryProvider: Provider = {
  provide: MODEL_REGISTRY,
  inject: [AppConfig, ROOT_LOGGER],
  useFactory: (config: AppConfig, logger: Logger): ModelRegistry => {
    const registry = registerBuiltinModelKinds(new ModelRegistry());
    const kinds = loadModelPlugins(config.models.plugins, registry);
    logger.info({ kinds, plugins: config.models.plugins }, 'PRM model kinds available for served search');
    return registry;
  },
};

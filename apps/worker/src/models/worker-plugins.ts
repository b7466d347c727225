/**
 * WORKER_PLUGINS: modules loaded at start that register model kinds, each exporting
 * `registerModels(registry)`. TypeScript modules load through the same require hook as the worker.
 */
import { createRequire } from 'node:module';
import type { ModelRegistry } from './model-registry';

export interface WorkerPlugin {
  registerModels(registry: ModelRegistry): void;
}

const load = createRequire(import.meta.url);

export function loadWorkerPlugins(paths: readonly string[], registry: ModelRegistry): string[] {
  for (const file of paths) {
    const mod = load(file) as Partial<WorkerPlugin> & { default?: Partial<WorkerPlugin> };
    const register = mod.registerModels ?? mod.default?.registerModels;
    if (typeof register !== 'function') throw new Error(`worker plugin ${file} does not export registerModels(registry)`);
    register(registry);
  }
  return registry.kinds();
}

/**
 * Model plugins: modules loaded at start that register model kinds, each exporting
 * `registerModels(registry)` (the worker's WORKER_PLUGINS, the API's MODEL_PLUGINS). TypeScript
 * modules load through whatever require hook the process runs under (tools/swc-register.js).
 */
import { createRequire } from 'node:module';
import type { ModelRegistry } from './model-registry';

export interface ModelPlugin {
  registerModels(registry: ModelRegistry): void;
}

const load = createRequire(import.meta.url);

/** Load each plugin (absolute paths or package names) into `registry`; returns the kinds now known. */
export function loadModelPlugins(paths: readonly string[], registry: ModelRegistry): string[] {
  for (const file of paths) {
    const mod = load(file) as Partial<ModelPlugin> & { default?: Partial<ModelPlugin> };
    const register = mod.registerModels ?? mod.default?.registerModels;
    if (typeof register !== 'function') throw new Error(`model plugin ${file} does not export registerModels(registry)`);
    register(registry);
  }
  return registry.kinds();
}

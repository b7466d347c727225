/**
 * WORKER_PLUGINS: modules loaded at start that register model kinds, each exporting
 * `registerModels(registry)`. TypeScript modules load through the same require hook as the worker.
 * The loader is @prmbas/prm's (the API loads MODEL_PLUGINS with it too).
 */
import { loadModelPlugins, type ModelPlugin, type ModelRegistry } from '@prmbas/prm';

export type WorkerPlugin = ModelPlugin;

export function loadWorkerPlugins(paths: readonly string[], registry: ModelRegistry): string[] {
  return loadModelPlugins(paths, registry);
}

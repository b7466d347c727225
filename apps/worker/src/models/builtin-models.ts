/**
 * The model kinds every worker offers: those @prmbas/prm builds in (the multimodal PRM registers
 * there, `registerBuiltinModelKinds`, shared with the API). A training run naming another kind
 * needs a plugin (WORKER_PLUGINS) or fails saying which kinds exist.
 */
import { registerBuiltinModelKinds, type ModelRegistry } from '@prmbas/prm';

export function registerBuiltinModels(registry: ModelRegistry): ModelRegistry {
  return registerBuiltinModelKinds(registry);
}

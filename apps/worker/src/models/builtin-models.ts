/**
 * The model kinds every worker offers. The multimodal PRM (libs/prm/src/multimodal, in progress)
 * registers here once @prmbas/prm exports it: a `ModelKind` whose createTraining featurizes the
 * records (their data-URL images included) into its examples, and whose createScorer rebuilds it
 * from an artifact. Until then no kind is built in, and a training run must name a kind a plugin
 * registered (WORKER_PLUGINS) or it fails saying which kinds exist.
 */
import type { ModelRegistry } from './model-registry';

export function registerBuiltinModels(registry: ModelRegistry): ModelRegistry {
  return registry;
}

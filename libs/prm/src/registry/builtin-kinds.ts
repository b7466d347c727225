/**
 * The model kinds every process (worker and API) offers without plugins. The multimodal PRM
 * (../multimodal, in progress) registers here once it is ready: a `ModelKind` whose createTraining
 * featurizes the records (their data-URL images included) into its examples, and whose
 * createScorer rebuilds it from an artifact. Until then no kind is built in; other kinds come from
 * plugins (`loadModelPlugins`), and tests register `testMlpKind` themselves.
 */
import type { ModelRegistry } from './model-registry';

export function registerBuiltinModelKinds(registry: ModelRegistry): ModelRegistry {
  return registry;
}

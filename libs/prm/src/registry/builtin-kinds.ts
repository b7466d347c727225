/**
 * The model kinds every process (worker and API) offers without plugins: the multimodal PRM
 * ('multimodal': question text, image pixels and steps). Other kinds come from plugins
 * (`loadModelPlugins`); tests register `testMlpKind` themselves.
 */
import { multimodalKind } from '../multimodal/multimodal-kind';
import type { ModelRegistry } from './model-registry';

export function registerBuiltinModelKinds(registry: ModelRegistry): ModelRegistry {
  return registry.register(multimodalKind);
}

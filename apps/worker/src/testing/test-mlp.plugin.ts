/**
 * TEST DOUBLE for the model (not for the job system): the `test-mlp` kind of @prmbas/prm (the tiny
 * MlpPrm over hashed step words), as a worker plugin so worker processes in tests can train and
 * score with it: WORKER_PLUGINS=<this file>. The kind itself lives in @prmbas/prm so the API's
 * served search loads the same artifacts.
 */
import { registerTestMlpKind, testMlpFeatures, testMlpKind, TEST_MLP_KIND, type ModelRegistry } from '@prmbas/prm';

export { TEST_MLP_KIND, testMlpKind };

/** Hashed word counts of the step (normalised), its depth and whether it states an answer. */
export const featurize = testMlpFeatures;

export function registerModels(registry: ModelRegistry): void {
  registerTestMlpKind(registry);
}

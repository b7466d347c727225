/**
 * TEST DOUBLE of a model kind (not a model anyone should serve): `test-mlp`, the tiny MlpPrm over
 * hashed bag-of-words features of each step. It lets the training job, evaluations and the served
 * search be tested end to end (real trainer, artifact bytes, model version, loading, scoring) in
 * seconds, without the multimodal PRM. Never registered by default: tests and benchmarks register
 * it (the worker through WORKER_PLUGINS=apps/worker/src/testing/test-mlp.plugin.ts).
 *
 * `stepDelayMs` slows training without burning CPU: the whole training set is one batch, so the
 * trainer asks the example source for a new pass before every step, and the source waits first.
 */
import type { SolutionRecord } from '@prmbas/rollouts';
import { loadArtifactWeights } from '../io/artifact';
import { ModelPrm } from '../model-prm';
import { MlpPrm } from '../models/mlp-prm';
import { fixedExamples, freshExamples, type PrmExample } from '../train/examples';
import type { ModelKind } from './model-kind';
import type { ModelRegistry } from './model-registry';

export const TEST_MLP_KIND = 'test-mlp';

interface TestMlpConfig {
  dim: number;
  hidden: number[];
  seed: number;
  stepDelayMs: number;
}

function configOf(input: Record<string, unknown>): TestMlpConfig {
  return {
    dim: typeof input['dim'] === 'number' ? input['dim'] : 16,
    hidden: Array.isArray(input['hidden']) ? (input['hidden'] as number[]) : [8],
    seed: typeof input['seed'] === 'number' ? input['seed'] : 1,
    stepDelayMs: typeof input['stepDelayMs'] === 'number' ? input['stepDelayMs'] : 0,
  };
}

/** Hashed word counts of the step (normalised), its depth and whether it states an answer. */
export function testMlpFeatures(dim: number, prefix: readonly string[], text: string): Float32Array {
  const features = new Float32Array(dim);
  const words = text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  for (const word of words) {
    let h = 2166136261;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
    features[(h >>> 0) % (dim - 2)]! += 1 / Math.max(1, words.length);
  }
  features[dim - 2] = prefix.length / 10;
  features[dim - 1] = /answer/i.test(text) ? 1 : 0;
  return features;
}

function examplesOf(records: readonly SolutionRecord[], dim: number): PrmExample<Float32Array>[] {
  const out: PrmExample<Float32Array>[] = [];
  for (const record of records) {
    const texts = record.steps.map((s) => s.text);
    record.steps.forEach((step, t) => {
      const prefix = texts.slice(0, t);
      const group = step.siblings?.length ? `${record.id}@${t}` : null;
      out.push({ features: testMlpFeatures(dim, prefix, step.text), value: step.value, group });
      for (const sibling of step.siblings ?? []) out.push({ features: testMlpFeatures(dim, prefix, sibling.text), value: sibling.value, group });
    });
  }
  return out;
}

export const testMlpKind: ModelKind<Float32Array> = {
  kind: TEST_MLP_KIND,
  description: 'TEST DOUBLE: tiny MLP over hashed step words',
  createTraining({ records, modelConfig, heldOutShare }) {
    const c = configOf(modelConfig);
    const questions = [...new Set(records.map((r) => r.questionId))].sort();
    const heldOut = new Set(questions.slice(0, Math.floor(questions.length * heldOutShare)));
    const train = examplesOf(records.filter((r) => !heldOut.has(r.questionId)), c.dim);
    const evalExamples = examplesOf(records.filter((r) => heldOut.has(r.questionId)), c.dim);
    const source =
      c.stepDelayMs > 0
        ? freshExamples(async () => {
            await new Promise((resolve) => setTimeout(resolve, c.stepDelayMs));
            return train;
          })
        : fixedExamples(train);
    return { model: new MlpPrm({ inputSize: c.dim, hidden: c.hidden, seed: c.seed }), source, evalExamples, artifact: { inputSizes: { features: [c.dim] } } };
  },
  createScorer(artifact) {
    const settings = artifact.metadata.modelConfig as { inputSize: number; hidden: number[]; seed: number };
    const model = new MlpPrm(settings);
    loadArtifactWeights(model, artifact);
    const prm = new ModelPrm(model, (item) => testMlpFeatures(settings.inputSize, item.steps, item.candidate), { name: TEST_MLP_KIND });
    return { prm, dispose: () => model.dispose() };
  },
};

/** The plugin form (`registerModels`) of the test double. */
export function registerTestMlpKind(registry: ModelRegistry): void {
  registry.register(testMlpKind);
}

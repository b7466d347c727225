import type { PrmItem, Problem } from '@prmbas/search';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeArtifact, exportArtifact } from '../io/artifact';
import { MlpPrm } from '../models/mlp-prm';
import { useWasm } from '../testing/tf-testing';
import { registerBuiltinModelKinds } from './builtin-kinds';
import { ModelLoadError, ModelRegistry, modelKindOf, UnknownModelKindError } from './model-registry';
import { TEST_MLP_KIND, testMlpFeatures, testMlpKind } from './test-mlp-kind';

const problem: Problem = { id: 'p', text: 'q', images: [], answerType: 'number' };
const items: PrmItem[] = [
  { problem, steps: [], candidate: 'Count the red circles: 3.', terminal: false },
  { problem, steps: ['Count the red circles: 3.'], candidate: 'The answer is 3.', terminal: true, answer: '3' },
];

async function artifactBytes(seed: number, extra: Record<string, string> = { modelKind: TEST_MLP_KIND }): Promise<Uint8Array> {
  const model = new MlpPrm({ inputSize: 16, hidden: [8], seed });
  try {
    return encodeArtifact(await exportArtifact(model, { extra }));
  } finally {
    model.dispose();
  }
}

describe('ModelRegistry.loadPrm', () => {
  beforeAll(async () => {
    await useWasm();
  });

  it('rebuilds the scorer of the kind the artifact records, scoring as the model it was exported from', async () => {
    const registry = new ModelRegistry().register(testMlpKind);
    const loaded = await registry.loadPrm(await artifactBytes(7));
    try {
      expect(loaded.kind).toBe(TEST_MLP_KIND);
      expect(modelKindOf(loaded.artifact)).toBe(TEST_MLP_KIND);
      const direct = await testMlpKind.createScorer!({ ...loaded.artifact });
      const { scores } = await loaded.prm.score(items);
      expect(scores).toEqual((await direct.prm.score(items)).scores);
      expect(scores.every((s) => s > 0 && s < 1)).toBe(true);
      // Different weights score differently: the bytes, not the kind, decide the scores.
      const other = await registry.loadPrm(await artifactBytes(8));
      expect((await other.prm.score(items)).scores).not.toEqual(scores);
      other.dispose();
      direct.dispose();
      expect(testMlpFeatures(16, [], 'The answer is 3.')[15]).toBe(1);
    } finally {
      loaded.dispose();
    }
  });

  it('uses the caller’s kind for artifacts that record none, and refuses a disagreeing one', async () => {
    const registry = new ModelRegistry().register(testMlpKind);
    const bare = await artifactBytes(1, {});
    await expect(registry.loadPrm(bare)).rejects.toThrow(ModelLoadError);
    const loaded = await registry.loadPrm(bare, { kind: TEST_MLP_KIND });
    loaded.dispose();
    await expect(registry.loadPrm(await artifactBytes(1), { kind: 'multimodal' })).rejects.toThrow(/written by model kind 'test-mlp', not 'multimodal'/);
  });

  it('names the known kinds when one is missing, and rejects bytes that are no artifact', async () => {
    const registry = registerBuiltinModelKinds(new ModelRegistry());
    expect(registry.canLoad('multimodal')).toBe(true);
    await expect(registry.loadPrm(await artifactBytes(1))).rejects.toThrow(UnknownModelKindError);
    await expect(registry.loadPrm(new Uint8Array([1, 2, 3]))).rejects.toThrow(/not a PRM artifact/);
    expect(registry.canLoad(TEST_MLP_KIND)).toBe(false);
    registry.register(testMlpKind);
    expect(registry.canLoad(TEST_MLP_KIND)).toBe(true);
    expect(() => registry.register(testMlpKind)).toThrow(/registered twice/);
  });
});

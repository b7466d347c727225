import type { PrmItem, Problem } from '@prmbas/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlpPrm } from './models/mlp-prm';
import { ModelPrm } from './model-prm';
import { useWasm } from './testing/tf-testing';

const problem: Problem = { id: 'p', text: 'q', images: [], answerType: 'number' };
const featurize = (item: PrmItem) => [item.steps.length, item.candidate.length / 10, item.terminal ? 1 : 0];

describe('ModelPrm', () => {
  let model: MlpPrm;
  beforeAll(async () => {
    await useWasm();
    model = new MlpPrm({ inputSize: 3, hidden: [4], seed: 5 });
  });
  afterAll(() => model.dispose());

  it('scores a batch in [0, 1], item order preserved, across internal batches', async () => {
    const items: PrmItem[] = Array.from({ length: 5 }, (_, k) => ({ problem, steps: Array(k).fill('s'), candidate: 'x'.repeat(k * 3), terminal: k === 4 }));
    const prm = new ModelPrm(model, featurize, { batchSize: 2 });
    const { scores } = await prm.score(items);
    const single = await Promise.all(items.map(async (it) => (await prm.score([it])).scores[0]!));
    expect(scores).toHaveLength(5);
    scores.forEach((s, k) => {
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThan(1);
      expect(s).toBeCloseTo(single[k]!, 6);
    });
    expect(new Set(scores).size).toBe(5);
    expect(prm.name).toBe('tfjs:mlp-prm');
  });

  it('refuses an aborted call', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(new ModelPrm(model, featurize).score([], { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

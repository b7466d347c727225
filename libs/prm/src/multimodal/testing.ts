/** Small fixtures for the multimodal PRM's tests: a few sim records and a tiny model config. */
import type { SolutionRecord } from '@prmbas/rollouts';
import { MmFeaturizer } from './featurizer';
import type { MmModelConfig } from './model-config';
import { simSolutionRecords, type SimRecords } from './sim-records';
import { Vocabulary } from './tokenizer';

/** A model small enough for unit tests (32 px images, few channels). */
export const TINY_MODEL: Partial<MmModelConfig> = {
  imageSize: 32,
  embedDim: 8,
  channels: 6,
  shapeChannels: 2,
  shapeHidden: 2,
  shapeMapSize: 16,
  shapeKernel: 3,
  stepHidden: 16,
  attentionDim: 8,
  hidden: [16],
};

export function recordTexts(records: readonly SolutionRecord[]): string[] {
  return records.flatMap((r) => [r.question, ...r.steps.flatMap((s) => [s.text, ...(s.siblings ?? []).map((x) => x.text)])]);
}

export async function tinySimData(questions = 6, seed = 3): Promise<SimRecords & { vocab: Vocabulary; featurizer: MmFeaturizer }> {
  const sim = await simSolutionRecords({ questions, seed, rollouts: 4, siblings: 2 });
  const vocab = Vocabulary.build(recordTexts(sim.records));
  return { ...sim, vocab, featurizer: new MmFeaturizer(vocab, TINY_MODEL) };
}

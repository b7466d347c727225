/**
 * The multimodal PRM as a platform model kind ('multimodal'): the worker trains it from a dataset
 * version's records (images inline as data URLs), the worker's evaluations and the API's served
 * search rebuild it from an artifact. `modelConfig` takes any `MmModelConfig` field, plus
 * `fresh: { questions, seed }` to add fresh synth questions to every pass (synth datasets only).
 */
import type { SolutionRecord } from '@prmbas/rollouts';
import { ModelPrm } from '../model-prm';
import type { ModelKind } from '../registry/model-kind';
import { fixedExamples, freshExamples } from '../train/examples';
import type { MmFeatures } from './featurizer';
import { MmFeaturizer } from './featurizer';
import type { PrmImage } from './image-input';
import { multimodalPrmFromArtifact } from './load';
import { MultimodalPrm } from './model';
import type { MmModelConfig } from './model-config';
import { recordExamples, splitByQuestion } from './records';
import { simSolutionRecords } from './sim-records';
import { Vocabulary } from './tokenizer';

export const MULTIMODAL_KIND = 'multimodal';

function imageBytes(ref: string | null): Uint8Array | null {
  if (!ref) return null;
  const data = /^data:[^;,]*;base64,(.*)$/s.exec(ref);
  return data ? new Uint8Array(Buffer.from(data[1] as string, 'base64')) : null;
}

function texts(records: readonly SolutionRecord[]): string[] {
  return records.flatMap((r) => [r.question, ...r.steps.flatMap((s) => [s.text, ...(s.siblings ?? []).map((x) => x.text)])]);
}

export const multimodalKind: ModelKind<MmFeatures> = {
  kind: MULTIMODAL_KIND,
  description: 'multimodal tfjs PRM: question text, image pixels and steps -> value (noisy-AND over step checks)',
  async createTraining({ records, modelConfig, trainer, heldOutShare, log }) {
    const { fresh: freshRaw, ...rest } = modelConfig as Record<string, unknown> & { fresh?: { questions?: number; seed?: number } };
    const fresh = freshRaw && typeof freshRaw.questions === 'number' && freshRaw.questions > 0 ? { questions: freshRaw.questions, seed: freshRaw.seed ?? 1_000_003 } : null;
    const split = splitByQuestion(records, heldOutShare, `held-out:${trainer.seed}`);
    const missing = records.filter((r) => r.image !== null && imageBytes(r.image) === null).length;
    if (missing > 0) log.warn({ missing }, 'records with an image that is not a data URL are trained without it');
    const vocab = Vocabulary.build(texts(split.train));
    const config: Partial<MmModelConfig> & { vocabSize: number } = { ...(rest as Partial<MmModelConfig>), vocabSize: vocab.size };
    const featurizer = new MmFeaturizer(vocab, config);
    const model = new MultimodalPrm(config);
    const imageOf = new Map<string, PrmImage | null>();
    const image = (r: SolutionRecord) => {
      if (!imageOf.has(r.image ?? '')) imageOf.set(r.image ?? '', featurizer.image(imageBytes(r.image)));
      return imageOf.get(r.image ?? '') ?? null;
    };
    const train = split.train.flatMap((r) => recordExamples(r, featurizer, image(r)));
    const evalExamples = split.heldOut.flatMap((r) => recordExamples(r, featurizer, image(r)));
    const initImages = [...imageOf.values()].filter((i): i is PrmImage => i !== null).slice(0, 2000);
    model.initColorPrototypes(initImages.map((i) => i.palette));
    model.initKindPrototypes(initImages.map((i) => i.objects));
    log.info({ train: train.length, heldOut: evalExamples.length, vocabulary: vocab.size, fresh }, 'multimodal PRM examples ready');
    const source = fresh
      ? freshExamples(async (epoch) => {
          const sim = await simSolutionRecords({ questions: fresh.questions, seed: fresh.seed, first: epoch * fresh.questions });
          return [...train, ...sim.records.flatMap((r) => recordExamples(r, featurizer, featurizer.image(sim.images.get(r.questionId) ?? null)))];
        })
      : fixedExamples(train);
    return {
      model,
      source,
      evalExamples,
      artifact: {
        tokenizer: vocab.toJSON() as never,
        inputSizes: { image: [model.settings.imageSize, model.settings.imageSize, 3], stepTokens: [model.settings.maxStepTokens], questionTokens: [model.settings.maxQuestionTokens] },
      },
    };
  },
  createScorer(artifact) {
    const { model, featurizer } = multimodalPrmFromArtifact(artifact);
    return { prm: new ModelPrm(model, featurizer.featurize, { name: MULTIMODAL_KIND }), dispose: () => model.dispose() };
  },
};

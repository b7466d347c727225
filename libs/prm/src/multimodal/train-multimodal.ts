/**
 * Training the multimodal PRM end to end: dataset records (and optionally fresh synth data every
 * pass) -> vocabulary, colour-detector initialisation, the generic `Trainer` (resumable from a
 * checkpoint directory), held-out evaluation with a breakdown by step kind, and the artifact.
 *
 * Output directory layout: `vocab.json` (written first, reused on resume so token ids never
 * change), `checkpoints/ckpt-*.prmckpt`, and at the end `model.json` + `weights.bin` (the artifact)
 * and `metrics.json`.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { datasetDigest, type SolutionRecord } from '@prmbas/rollouts';
import { hashSeed } from '@prmbas/search';
import type { Difficulty, SynthFamily } from '@prmbas/tasks';
import { exportArtifact, type PrmArtifact } from '../io/artifact';
import { writeArtifactDir } from '../io/artifact-dir';
import { DirectoryCheckpointStore } from '../train/checkpoint-store';
import { freshExamples, type PrmExample } from '../train/examples';
import { predictLogitsAsync } from '../train/predict';
import { Trainer, type TrainMetrics, type TrainProgress, type TrainResult } from '../train/trainer';
import type { TrainerConfigInput } from '../train/trainer-config';
import { evaluateScored, type PrmEvaluation } from './evaluate';
import { MmFeaturizer, type MmFeatures } from './featurizer';
import type { PrmImage } from './image-input';
import { MultimodalPrm } from './model';
import type { MmModelConfig } from './model-config';
import { recordExamples, splitByQuestion, type RecordExample } from './records';
import { simSolutionRecords } from './sim-records';
import { Vocabulary } from './tokenizer';

export const VOCAB_FILE = 'vocab.json';
export const METRICS_FILE = 'metrics.json';
export const CHECKPOINT_DIR = 'checkpoints';

export interface FreshDataOptions {
  /** Synth questions generated (one solution each) per training pass. */
  questions: number;
  /** Suite seed of the fresh questions (question indices continue pass after pass). */
  seed: number;
  difficulty?: Difficulty | readonly Difficulty[];
  families?: readonly SynthFamily[];
}

export interface MultimodalTrainOptions {
  /** Dataset records and their image bytes (by record id). */
  records: readonly SolutionRecord[];
  images: ReadonlyMap<string, Uint8Array | null>;
  /** Share of questions held out for evaluation (by a hash of the question id). */
  heldOutShare?: number;
  /** Fresh in-process synth data added to every pass (synth suite only); null = dataset only. */
  fresh?: FreshDataOptions | null;
  model?: Partial<Omit<MmModelConfig, 'vocabSize'>>;
  trainer?: TrainerConfigInput;
  /** Passes over the dataset's training examples; sets `trainer.steps` when that is not given. */
  epochs?: number;
  /** Checkpoints, vocabulary and the final artifact go here; a rerun resumes from its checkpoints. */
  outDir?: string;
  onProgress?: (progress: TrainProgress) => void;
  onMetrics?: (metrics: TrainMetrics & { byKind?: PrmEvaluation['byKind'] }) => void | Promise<void>;
  signal?: AbortSignal;
}

export interface MultimodalTrainResult {
  model: MultimodalPrm;
  featurizer: MmFeaturizer;
  result: TrainResult;
  evaluation: PrmEvaluation | null;
  artifact: PrmArtifact;
  trainExamples: number;
  heldOutExamples: number;
}

export const DEFAULT_MULTIMODAL_TRAINING: TrainerConfigInput = {
  steps: 8000, // ~7-10 min at 50-75 ms per batch on wasm (2 shared cores), plus evaluation and fresh data; see scripts/EXPERIMENTS.md
  batchSize: 64,
  lr: { peak: 2e-3, warmupSteps: 200 }, // the perception words need several units of logit: a higher step size than 1e-3
  evalEvery: 1000,
  checkpointEvery: 500,
};

export const DEFAULT_HELD_OUT_SHARE = 0.1;

function recordTexts(records: readonly SolutionRecord[]): string[] {
  return records.flatMap((r) => [r.question, ...r.steps.flatMap((s) => [s.text, ...(s.siblings ?? []).map((x) => x.text)])]);
}

async function loadOrBuildVocabulary(outDir: string | undefined, texts: () => string[]): Promise<Vocabulary> {
  const file = outDir ? path.join(outDir, VOCAB_FILE) : null;
  if (file) {
    try {
      return Vocabulary.fromJSON(JSON.parse(await fs.readFile(file, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const vocab = Vocabulary.build(texts());
  if (file && outDir) {
    await fs.mkdir(outDir, { recursive: true });
    await fs.writeFile(file, JSON.stringify(vocab.toJSON()));
  }
  return vocab;
}

export async function trainMultimodalPrm(options: MultimodalTrainOptions): Promise<MultimodalTrainResult> {
  const trainerConfig: TrainerConfigInput = { ...DEFAULT_MULTIMODAL_TRAINING, ...options.trainer, lr: { ...DEFAULT_MULTIMODAL_TRAINING.lr, ...options.trainer?.lr } };
  const seed = trainerConfig.seed ?? 1;
  const split = splitByQuestion(options.records, options.heldOutShare ?? DEFAULT_HELD_OUT_SHARE, `held-out:${seed}`);
  if (split.train.length === 0) throw new Error('trainMultimodalPrm: no training records (is the held-out share too large?)');
  const fresh = options.fresh ?? null;
  // The vocabulary covers the training records and, with fresh data, a fixed sample of it.
  const freshSample = fresh ? await simSolutionRecords(freshOptions(fresh, 200, 1_000_000_000)) : null;
  const vocab = await loadOrBuildVocabulary(options.outDir, () => [...recordTexts(split.train), ...(freshSample ? recordTexts(freshSample.records) : [])]);
  const modelConfig = { ...options.model, vocabSize: vocab.size };
  const featurizer = new MmFeaturizer(vocab, { ...modelConfig });
  const model = new MultimodalPrm(modelConfig);

  const imageOf = (record: SolutionRecord): PrmImage | null => featurizer.image(options.images.get(record.id) ?? null);
  const examplesOf = (records: readonly SolutionRecord[], image: (r: SolutionRecord) => PrmImage | null): RecordExample[] => records.flatMap((r) => recordExamples(r, featurizer, image(r)));
  const trainSet = examplesOf(split.train, imageOf);
  const heldOut = examplesOf(split.heldOut, imageOf);
  if (trainSet.length === 0 && !fresh) throw new Error('trainMultimodalPrm: the training records hold no steps');
  if (options.epochs !== undefined && options.trainer?.steps === undefined) {
    trainerConfig.steps = Math.max(1, Math.ceil((options.epochs * trainSet.length) / (trainerConfig.batchSize ?? 64)));
  }

  // Colour detectors start at the colours of the training images (k-means; overwritten on resume).
  const initImages = [...new Set([...split.train.map(imageOf), ...(freshSample ? freshSample.questions.map((q) => featurizer.image(freshSample.images.get(q.id) ?? null)) : [])])]
    .filter((i): i is PrmImage => i !== null)
    .slice(0, 2000);
  model.initColorPrototypes(initImages.map((i) => i.palette));
  model.initKindPrototypes(initImages.map((i) => i.objects));

  const source = freshExamples<MmFeatures>(async (epoch) => {
    if (!fresh) return trainSet;
    const sim = await simSolutionRecords(freshOptions(fresh, fresh.questions, epoch * fresh.questions));
    const generated = examplesOf(sim.records, (r) => featurizer.image(sim.images.get(r.questionId) ?? null));
    return [...trainSet, ...generated];
  });
  const store = options.outDir ? new DirectoryCheckpointStore(path.join(options.outDir, CHECKPOINT_DIR)) : undefined;
  const trainer = new Trainer<MmFeatures>({
    model,
    source,
    evalExamples: heldOut,
    config: trainerConfig,
    ...(store ? { checkpoints: store } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    onMetrics: async (m) => {
      await options.onMetrics?.(m);
    },
  });
  const result = await trainer.run({ ...(options.signal ? { signal: options.signal } : {}), resume: store ? 'latest' : false });
  trainer.dispose();

  const evaluation = heldOut.length ? await evaluateExamples(model, heldOut) : null;
  const artifact = await exportArtifact(model, {
    tokenizer: vocab.toJSON() as never,
    inputSizes: { image: [model.settings.imageSize, model.settings.imageSize, 3], stepTokens: [model.settings.maxStepTokens], questionTokens: [model.settings.maxQuestionTokens] },
    trainingConfig: { trainer: trainerConfig, heldOutShare: options.heldOutShare ?? DEFAULT_HELD_OUT_SHARE, fresh: fresh as never, status: result.status, steps: result.step } as Record<string, unknown>,
    dataDigest: datasetDigest(options.records),
    metrics: evaluation ? { auroc: evaluation.auroc, pairAccuracy: evaluation.pairAccuracy, valueLoss: evaluation.valueLoss, rankLoss: evaluation.rankLoss, ece: evaluation.ece } : {},
  });
  if (options.outDir && result.status === 'completed') {
    await writeArtifactDir(options.outDir, artifact);
    await fs.writeFile(path.join(options.outDir, METRICS_FILE), JSON.stringify({ evaluation, result, trainExamples: trainSet.length, heldOutExamples: heldOut.length }, null, 2));
  }
  return { model, featurizer, result, evaluation, artifact, trainExamples: trainSet.length, heldOutExamples: heldOut.length };
}

function freshOptions(fresh: FreshDataOptions, questions: number, first: number) {
  return {
    questions,
    seed: fresh.seed,
    first,
    sampleSeed: hashSeed(fresh.seed, 'fresh', first),
    ...(fresh.difficulty !== undefined ? { difficulty: fresh.difficulty } : {}),
    ...(fresh.families !== undefined ? { families: fresh.families } : {}),
  };
}

/** Score examples and compute the metrics with the per-kind breakdown. */
export async function evaluateExamples(model: MultimodalPrm, examples: readonly RecordExample[], batchSize = 256): Promise<PrmEvaluation> {
  const logits = await predictLogitsAsync(model, examples.map((e) => e.features), batchSize);
  return evaluateScored(
    logits,
    examples.map((e) => e.value),
    examples.map((e) => e.group),
    examples.map((e) => e.origin.text),
  );
}

export type { PrmExample };

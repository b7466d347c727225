/**
 * A PRM model kind: what the platform needs to train one (the worker) and to score searches with a
 * stored artifact of it (the worker's evaluations and the API's served search). The training side
 * only knows the generic `PrmModel` / `ExampleSource` interfaces; the kind owns its features.
 */
import type { SolutionRecord } from '@prmbas/rollouts';
import type { Prm } from '@prmbas/search';
import type { PrmArtifact } from '../io/artifact';
import type { JsonValue } from '../io/container';
import type { ExampleSource, PrmExample } from '../train/examples';
import type { PrmModel } from '../train/prm-model';
import type { TrainerConfig } from '../train/trainer-config';

/** The part of a (pino) logger a kind may use; kept structural so this library needs no logger package. */
export interface ModelKindLogger {
  info(data: object, message?: string): void;
  warn(data: object, message?: string): void;
}

export interface TrainingInput {
  /** The dataset version's records, images inline as data URLs. */
  records: readonly SolutionRecord[];
  datasetDigest: string | null;
  /** `model.config` of the run's config, as given. */
  modelConfig: Record<string, unknown>;
  trainer: TrainerConfig;
  /** Share of questions to hold out for evaluation. */
  heldOutShare: number;
  signal: AbortSignal;
  log: ModelKindLogger;
}

export interface TrainingSetup<F> {
  model: PrmModel<F>;
  source: ExampleSource<F>;
  evalExamples?: readonly PrmExample<F>[];
  /** Stored in the artifact beside the weights (tokenizer, input sizes, ...). */
  artifact?: { tokenizer?: JsonValue; inputSizes?: Record<string, number[]>; extra?: Record<string, JsonValue> };
  /** Frees what the setup holds besides the model (image caches, ...). */
  dispose?(): void;
}

/** A live scorer and how to free it (tfjs weights are not garbage-collected). */
export interface ScorerSetup {
  prm: Prm;
  dispose(): void;
}

export interface ModelKind<F = unknown> {
  kind: string;
  description: string;
  createTraining(input: TrainingInput): Promise<TrainingSetup<F>> | TrainingSetup<F>;
  /** A search scorer rebuilt from a stored artifact of this kind (evaluations, served search). */
  createScorer?(artifact: PrmArtifact): Promise<ScorerSetup> | ScorerSetup;
}

/** `PrmArtifactMetadata.extra` key under which the trainer records the kind that wrote an artifact. */
export const MODEL_KIND_EXTRA_KEY = 'modelKind';

/**
 * Which PRM models a worker can train and score with, by kind (the `model.kind` of a training
 * run's config). The training job only knows the generic `PrmModel` / `ExampleSource` interfaces of
 * @prmbas/prm: a kind supplies the model, the example source built from the dataset version's
 * records, and optionally a scorer that rebuilds the model from a stored artifact (evaluations).
 * The multimodal PRM registers itself here (builtin-models.ts); tests register a tiny MLP through
 * WORKER_PLUGINS.
 */
import type { Logger } from 'pino';
import type { ExampleSource, JsonValue, PrmArtifact, PrmExample, PrmModel, TrainerConfig } from '@prmbas/prm';
import type { SolutionRecord } from '@prmbas/rollouts';
import type { Prm } from '@prmbas/search';

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
  log: Logger;
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

export interface ScorerSetup {
  prm: Prm;
  dispose(): void;
}

export interface ModelKind<F = unknown> {
  kind: string;
  description: string;
  createTraining(input: TrainingInput): Promise<TrainingSetup<F>> | TrainingSetup<F>;
  /** A search scorer from a stored artifact of this kind (evaluations with a trained model). */
  createScorer?(artifact: PrmArtifact): Promise<ScorerSetup> | ScorerSetup;
}

export class UnknownModelKindError extends Error {
  constructor(
    readonly kind: string,
    readonly known: readonly string[],
  ) {
    super(`model kind '${kind}' is not registered on this worker (known: ${known.length ? known.join(', ') : 'none'})`);
    this.name = 'UnknownModelKindError';
  }
}

export class ModelRegistry {
  private readonly byKind = new Map<string, ModelKind>();

  register<F>(kind: ModelKind<F>): this {
    if (this.byKind.has(kind.kind)) throw new Error(`model kind '${kind.kind}' is registered twice`);
    this.byKind.set(kind.kind, kind as unknown as ModelKind);
    return this;
  }

  get(kind: string): ModelKind {
    const found = this.byKind.get(kind);
    if (!found) throw new UnknownModelKindError(kind, this.kinds());
    return found;
  }

  kinds(): string[] {
    return [...this.byKind.keys()].sort();
  }
}

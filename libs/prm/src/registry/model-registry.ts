/**
 * Which PRM model kinds a process can train and load, by name (the `model.kind` of a training run's
 * config, recorded in the artifact it produces). One registry type for the worker (training,
 * evaluations) and the API (served search), so a kind registered once works in both; each process
 * builds its own instance (builtin kinds + plugins).
 */
import { decodeArtifact, type PrmArtifact } from '../io/artifact';
import { MODEL_KIND_EXTRA_KEY, type ModelKind, type ScorerSetup } from './model-kind';

export class UnknownModelKindError extends Error {
  constructor(
    readonly kind: string,
    readonly known: readonly string[],
  ) {
    super(`model kind '${kind}' is not registered in this process (known: ${known.length ? known.join(', ') : 'none'})`);
    this.name = 'UnknownModelKindError';
  }
}

/** An artifact that cannot become a scorer here: no kind recorded, or its kind cannot score. */
export class ModelLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelLoadError';
  }
}

/** The kind an artifact records (written by the trainer since the registry moved here), or null. */
export function modelKindOf(artifact: PrmArtifact): string | null {
  const kind = artifact.metadata.extra?.[MODEL_KIND_EXTRA_KEY];
  return typeof kind === 'string' && kind !== '' ? kind : null;
}

export class ModelRegistry {
  private readonly byKind = new Map<string, ModelKind>();

  register<F>(kind: ModelKind<F>): this {
    if (this.byKind.has(kind.kind)) throw new Error(`model kind '${kind.kind}' is registered twice`);
    this.byKind.set(kind.kind, kind as unknown as ModelKind);
    return this;
  }

  has(kind: string): boolean {
    return this.byKind.has(kind);
  }

  get(kind: string): ModelKind {
    const found = this.byKind.get(kind);
    if (!found) throw new UnknownModelKindError(kind, this.kinds());
    return found;
  }

  kinds(): string[] {
    return [...this.byKind.keys()].sort();
  }

  /** True when `kind` is registered and can rebuild a scorer from an artifact. */
  canLoad(kind: string): boolean {
    return typeof this.byKind.get(kind)?.createScorer === 'function';
  }

  /**
   * A scorer from a model version's artifact bytes. The kind is the one the artifact records; a
   * caller that knows it from elsewhere (`ModelVersion.config.kind`) passes it as `kind`, which must
   * agree. The caller owns the result and calls `dispose()` when done with it.
   */
  async loadPrm(bytes: Uint8Array, options: { kind?: string | null } = {}): Promise<ScorerSetup & { kind: string; artifact: PrmArtifact }> {
    let artifact: PrmArtifact;
    try {
      artifact = decodeArtifact(bytes);
    } catch (error) {
      throw new ModelLoadError(`not a PRM artifact: ${(error as Error).message}`, { cause: error });
    }
    const recorded = modelKindOf(artifact);
    const hinted = options.kind ?? null;
    if (recorded && hinted && recorded !== hinted) {
      throw new ModelLoadError(`the artifact was written by model kind '${recorded}', not '${hinted}'`);
    }
    const kindName = recorded ?? hinted;
    if (!kindName) throw new ModelLoadError(`the artifact (a '${artifact.metadata.modelName}') does not record its model kind`);
    const kind = this.get(kindName);
    if (!kind.createScorer) throw new ModelLoadError(`model kind '${kindName}' cannot score searches (it has no createScorer)`);
    const setup = await kind.createScorer(artifact);
    return { ...setup, kind: kindName, artifact };
  }
}

/**
 * A trained multimodal PRM back from its artifact (directory or bytes), and as the search's `Prm`.
 */
import type { Prm, PrmItem, PrmScores } from '@prmbas/search';
import { initBackend, type BackendPreference } from '../backend';
import { decodeArtifact, loadArtifactWeights, type PrmArtifact } from '../io/artifact';
import { readArtifactDir } from '../io/artifact-dir';
import { ModelPrm } from '../model-prm';
import { MmFeaturizer } from './featurizer';
import { MULTIMODAL_PRM_NAME, MultimodalPrm } from './model';
import type { MmModelConfig } from './model-config';
import { Vocabulary } from './tokenizer';

export interface LoadedMultimodalPrm {
  model: MultimodalPrm;
  featurizer: MmFeaturizer;
  artifact: PrmArtifact;
}

/** Rebuild model and featurizer from an artifact (weights, model config, vocabulary). */
export function multimodalPrmFromArtifact(artifact: PrmArtifact): LoadedMultimodalPrm {
  if (artifact.metadata.modelName !== MULTIMODAL_PRM_NAME) {
    throw new Error(`not a multimodal PRM artifact: it holds a '${artifact.metadata.modelName}'`);
  }
  const vocabulary = Vocabulary.fromJSON(artifact.metadata.tokenizer);
  const config = artifact.metadata.modelConfig as unknown as MmModelConfig;
  if (config.vocabSize !== vocabulary.size) throw new Error(`artifact vocabulary has ${vocabulary.size} tokens, the model was built for ${config.vocabSize}`);
  const model = new MultimodalPrm(config);
  try {
    loadArtifactWeights(model, artifact);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { model, featurizer: new MmFeaturizer(vocabulary, config), artifact };
}

/** From a model directory (model.json + weights.bin) or artifact bytes. */
export async function loadMultimodalPrm(source: string | Uint8Array): Promise<LoadedMultimodalPrm> {
  const artifact = typeof source === 'string' ? await readArtifactDir(source) : decodeArtifact(source);
  return multimodalPrmFromArtifact(artifact);
}

export interface TfjsPrmOptions {
  /** Backend to initialise before the first score (default 'auto'). */
  backend?: BackendPreference;
  /** Examples per forward pass (default 256). */
  batchSize?: number;
  name?: string;
}

/**
 * A `Prm` over a trained multimodal PRM directory. Loading is lazy (on the first `score`), so it
 * can be created synchronously where a scorer is configured. One `score` call (a search depth) is
 * one or a few forward passes; images are decoded once per byte array, shared prefix steps encoded
 * once per call.
 */
export function createTfjsPrm(dir: string, options: TfjsPrmOptions = {}): Prm & { ready(): Promise<LoadedMultimodalPrm> } {
  let loading: Promise<{ loaded: LoadedMultimodalPrm; prm: ModelPrm<ReturnType<MmFeaturizer['featurize']>> }> | null = null;
  const load = () => {
    loading ??= (async () => {
      await initBackend({ prefer: options.backend ?? 'auto', logger: { info: () => undefined } });
      const loaded = await loadMultimodalPrm(dir);
      const prm = new ModelPrm(loaded.model, loaded.featurizer.featurize, { name: options.name ?? `tfjs:${dir}`, batchSize: options.batchSize ?? 256 });
      return { loaded, prm };
    })();
    return loading;
  };
  return {
    name: options.name ?? `tfjs:${dir}`,
    async score(items: readonly PrmItem[], scoreOptions: { seed?: number; signal?: AbortSignal } = {}): Promise<PrmScores> {
      const { prm } = await load();
      return prm.score(items, scoreOptions.signal ? { signal: scoreOptions.signal } : {});
    },
    async ready() {
      return (await load()).loaded;
    },
  };
}

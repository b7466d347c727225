/**
 * `Prm` over a trained tfjs `PrmModel`: the search's scorer for our own PRMs. The batch of a
 * search depth becomes one (or a few bounded) forward passes; `featurize` turns a (state, step)
 * item into the model's input (tokenising text, decoding images), and is the model's business.
 */
import type { Prm, PrmItem, PrmScores } from '@prmbas/search';
import { DEFAULT_PREDICT_BATCH, predictValues } from './train/predict';
import type { PrmModel } from './train/prm-model';

export interface ModelPrmOptions {
  name?: string;
  batchSize?: number;
}

export class ModelPrm<F> implements Prm {
  readonly name: string;
  private readonly batchSize: number;

  constructor(
    private readonly model: PrmModel<F>,
    private readonly featurize: (item: PrmItem) => F,
    options: ModelPrmOptions = {},
  ) {
    this.name = options.name ?? `tfjs:${model.name}`;
    this.batchSize = options.batchSize ?? DEFAULT_PREDICT_BATCH;
  }

  async score(items: readonly PrmItem[], options: { signal?: AbortSignal } = {}): Promise<PrmScores> {
    if (options.signal?.aborted) throw options.signal.reason ?? new DOMException('aborted', 'AbortError');
    if (items.length === 0) return { scores: [] };
    const values = predictValues(this.model, items.map(this.featurize), this.batchSize);
    return { scores: Array.from(values) };
  }
}

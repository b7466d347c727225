/**
 * Training examples and where they come from. An example is one (state, step) pair with its soft
 * MC value; siblings (candidate steps of one state) share a `group`, which the rank loss needs in
 * the same batch. A source hands the trainer the examples of each pass (epoch): the same fixed set
 * every time, or freshly generated ones (PRM-BAS.md: fresh synthetic data removes overfitting).
 */
import type { Rng } from '@prmbas/search';

export interface PrmExample<F> {
  features: F;
  /** Monte-Carlo value in [0, 1]. */
  value: number;
  /** Sibling group (the state this step is a candidate of); absent = no rank pairs. */
  group?: string | number | null;
  /**
   * Batching cluster: examples sharing one (e.g. all steps and siblings of one question) are
   * shuffled as one unit and so land in the same or adjacent batches, which lets a model share
   * work between them (one image decode and encoding, shared prefix steps). Absent = its own unit.
   */
  cluster?: string | number | null;
}

export interface ExampleSource<F> {
  /**
   * The examples of pass `epoch` (0-based). `rng` is derived from the run seed and `epoch` only,
   * so a resumed run regenerates the very same pass; a source must draw randomness from it alone.
   */
  examples(epoch: number, rng: Rng): readonly PrmExample<F>[] | Promise<readonly PrmExample<F>[]>;
}

/** The same examples every pass (the trainer reshuffles them each pass). */
export function fixedExamples<F>(examples: readonly PrmExample<F>[]): ExampleSource<F> {
  if (examples.length === 0) throw new Error('fixedExamples: no examples');
  return { examples: () => examples };
}

/** New examples every pass, from a seeded generator. */
export function freshExamples<F>(generate: (epoch: number, rng: Rng) => readonly PrmExample<F>[] | Promise<readonly PrmExample<F>[]>): ExampleSource<F> {
  return { examples: generate };
}

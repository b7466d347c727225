/**
 * Per-call seeds. Each seed depends only on the run seed and the position of the call in the
 * tree, so a run is reproducible whatever order concurrent calls complete in.
 */
import { hashSeed } from './rng';

/**
 * Seed of the `Policy.propose` call that expands `parent` at `depth`. `lane` separates calls that
 * share a parent: the root is expanded once per chain (self-consistency, best-of-N) or subtree (DVTS).
 */
export function proposeSeed(runSeed: number, parent: number | null, depth: number, lane = 0): number {
  return hashSeed(runSeed, 'propose', parent ?? 'root', depth, lane);
}

/** Seed of the `Prm.score` batch of `depth` (scorers that sample, e.g. Monte-Carlo rollouts, use it). */
export function prmSeed(runSeed: number, depth: number): number {
  return hashSeed(runSeed, 'prm', depth);
}

/**
 * Batches of one pass: siblings stay together (a group is the unit of shuffling), groups are
 * shuffled with a seeded Rng, then packed greedily into batches of about `batchSize` examples.
 * A batch is closed when the next group would overflow it; a group larger than a batch is cut
 * into batch-sized pieces. Examples without a group are units of one.
 *
 * Clusters (optional, `PrmExample.cluster`): the units of one cluster are shuffled among
 * themselves and kept next to each other, and clusters are shuffled as wholes, so a cluster's
 * examples fill the same or adjacent batches. Without clusters every unit is its own cluster and
 * the order is exactly that of a plain shuffle of the units.
 */
import type { Rng } from '@prmbas/search';
import type { PrmExample } from './examples';

/** Units of shuffling: sibling groups in order of first appearance, ungrouped examples alone. */
export function siblingUnits<F>(examples: readonly PrmExample<F>[]): PrmExample<F>[][] {
  const units: PrmExample<F>[][] = [];
  const byGroup = new Map<string | number, PrmExample<F>[]>();
  for (const e of examples) {
    if (e.group === null || e.group === undefined) {
      units.push([e]);
      continue;
    }
    const unit = byGroup.get(e.group);
    if (unit) unit.push(e);
    else {
      const fresh = [e];
      byGroup.set(e.group, fresh);
      units.push(fresh);
    }
  }
  return units;
}

/** Units grouped by the cluster of their first example, in order of first appearance; unclustered units alone. */
export function clusterUnits<F>(units: readonly PrmExample<F>[][]): PrmExample<F>[][][] {
  const clusters: PrmExample<F>[][][] = [];
  const byCluster = new Map<string | number, PrmExample<F>[][]>();
  for (const unit of units) {
    const key = unit[0]?.cluster;
    if (key === null || key === undefined) {
      clusters.push([unit]);
      continue;
    }
    const cluster = byCluster.get(key);
    if (cluster) cluster.push(unit);
    else {
      const fresh = [unit];
      byCluster.set(key, fresh);
      clusters.push(fresh);
    }
  }
  return clusters;
}

export function packBatches<F>(units: readonly PrmExample<F>[][], batchSize: number): PrmExample<F>[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`packBatches: batchSize must be a positive integer, got ${batchSize}`);
  const batches: PrmExample<F>[][] = [];
  let current: PrmExample<F>[] = [];
  for (const unit of units) {
    for (let start = 0; start < unit.length; start += batchSize) {
      const piece = unit.slice(start, start + batchSize);
      if (current.length + piece.length > batchSize && current.length > 0) {
        batches.push(current);
        current = [];
      }
      current.push(...piece);
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The batches of one pass, in training order. */
export function epochBatches<F>(examples: readonly PrmExample<F>[], batchSize: number, rng: Rng): PrmExample<F>[][] {
  const clusters = clusterUnits(siblingUnits(examples));
  const ordered = rng.shuffle(clusters).flatMap((cluster) => (cluster.length > 1 ? rng.shuffle(cluster) : cluster));
  return packBatches(ordered, batchSize);
}

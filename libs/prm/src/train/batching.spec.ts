import { Rng } from '@prmbas/search';
import { describe, expect, it } from 'vitest';
import { clusterUnits, epochBatches, packBatches, siblingUnits } from './batching';
import type { PrmExample } from './examples';

const ex = (id: number, group?: string): PrmExample<number> => ({ features: id, value: 0, group });

describe('batching', () => {
  const examples = [ex(0, 'a'), ex(1, 'b'), ex(2, 'a'), ex(3), ex(4, 'b'), ex(5, 'a'), ex(6, 'c')];

  it('groups siblings into units in order of first appearance', () => {
    expect(siblingUnits(examples).map((u) => u.map((e) => e.features))).toEqual([[0, 2, 5], [1, 4], [3], [6]]);
  });

  it('packs whole units greedily and cuts only units larger than a batch', () => {
    const units = siblingUnits(examples);
    expect(packBatches(units, 4).map((b) => b.map((e) => e.features))).toEqual([[0, 2, 5], [1, 4, 3, 6]]);
    expect(packBatches([[ex(0), ex(1), ex(2)], [ex(3)]], 2).map((b) => b.map((e) => e.features))).toEqual([[0, 1], [2, 3]]);
    expect(() => packBatches(units, 0)).toThrow(/batchSize/);
  });

  it('shuffles deterministically by seed and loses no example', () => {
    const a = epochBatches(examples, 3, new Rng(5)).map((b) => b.map((e) => e.features));
    const b = epochBatches(examples, 3, new Rng(5)).map((b2) => b2.map((e) => e.features));
    expect(a).toEqual(b);
    expect(a.flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const orders = new Set([1, 2, 3, 4, 5, 6].map((s) => JSON.stringify(epochBatches(examples, 3, new Rng(s)).flat().map((e) => e.features))));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('keeps the units of a cluster together and orders exactly as before without clusters', () => {
    const clustered = [0, 1, 2, 3, 4, 5, 6, 7].map((id) => ({ features: id, value: 0, group: `g${id >> 1}`, cluster: id < 4 ? 'q1' : 'q2' }));
    expect(clusterUnits(siblingUnits(clustered)).map((c) => c.map((u) => u.map((e) => e.features)))).toEqual([[[0, 1], [2, 3]], [[4, 5], [6, 7]]]);
    const order = epochBatches(clustered, 4, new Rng(3)).map((b) => b.map((e) => e.features).sort());
    expect(order.map((b) => b.every((id) => id < 4) || b.every((id) => id >= 4))).toEqual([true, true]);
    // No clusters: the same order as a plain shuffle of the units.
    const plain = epochBatches(examples, 3, new Rng(9)).flat().map((e) => e.features);
    expect(plain).toEqual(packBatches(new Rng(9).shuffle(siblingUnits(examples)), 3).flat().map((e) => e.features));
  });
});

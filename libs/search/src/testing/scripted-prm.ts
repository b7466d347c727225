/** Test double: a PRM whose scores are written down per path (steps + candidate joined by '/'). */
import type { Prm, PrmItem, PrmScores, ScorerUsage } from '../types';
import { stateKey } from './scripted-policy';

export class ScriptedPrm implements Prm {
  readonly name = 'scripted-prm';
  /** Every batch, as the path keys it contained. */
  readonly batches: string[][] = [];
  readonly seeds: Array<number | undefined> = [];

  constructor(
    private readonly scores: Record<string, number> | ((item: PrmItem) => number),
    private readonly usagePerBatch?: ScorerUsage,
  ) {}

  async score(items: readonly PrmItem[], options?: { seed?: number }): Promise<PrmScores> {
    const keys = items.map((item) => stateKey([...item.steps, item.candidate]));
    this.batches.push(keys);
    this.seeds.push(options?.seed);
    const scores = items.map((item, i) => {
      if (typeof this.scores === 'function') return this.scores(item);
      const s = this.scores[keys[i] as string];
      if (s === undefined) throw new Error(`ScriptedPrm: no score for '${keys[i]}'`);
      return s;
    });
    return this.usagePerBatch ? { scores, usage: { ...this.usagePerBatch } } : { scores };
  }
}

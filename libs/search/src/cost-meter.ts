/**
 * The cost record every strategy reports, counted in one place so equal-compute comparisons
 * compare the same things.
 */
import type { CostRecord, Proposal, ScorerUsage } from './types';

/** Milliseconds from an arbitrary origin. Injectable so tests can pin `wallMs`. */
export type Clock = () => number;

export const defaultClock: Clock = () => (globalThis.performance ? globalThis.performance.now() : Date.now());

/** Sum token counts; null as soon as one count is unknown (a partial sum would mislead). */
function addTokens(total: number | null, more: number | null | undefined): number | null {
  return total === null || more === null || more === undefined ? null : total + more;
}

export class CostMeter {
  private readonly startedAt: number;
  private policyCalls = 0;
  private generatedSteps = 0;
  private tokens: number | null = 0;
  private prmScoredSteps = 0;
  private prmBatches = 0;
  private scorer: ScorerUsage = { policyCalls: 0, generatedSteps: 0, tokens: 0 };

  constructor(private readonly clock: Clock = defaultClock) {
    this.startedAt = clock();
  }

  /** One `Policy.propose` call and the proposals the search kept from it. */
  policyCall(kept: readonly Proposal[]): void {
    this.policyCalls++;
    this.generatedSteps += kept.length;
    for (const p of kept) this.tokens = addTokens(this.tokens, p.tokens);
  }

  /** One `Prm.score` call over `items` pairs. */
  prmBatch(items: number, usage?: ScorerUsage): void {
    this.prmBatches++;
    this.prmScoredSteps += items;
    if (usage) {
      this.scorer = {
        policyCalls: this.scorer.policyCalls + usage.policyCalls,
        generatedSteps: this.scorer.generatedSteps + usage.generatedSteps,
        tokens: addTokens(this.scorer.tokens, usage.tokens),
      };
    }
  }

  /** The record so far, with wall time measured now. */
  record(): CostRecord {
    return {
      policyCalls: this.policyCalls,
      generatedSteps: this.generatedSteps,
      tokens: this.tokens,
      prmScoredSteps: this.prmScoredSteps,
      prmBatches: this.prmBatches,
      scorer: { ...this.scorer },
      wallMs: this.clock() - this.startedAt,
    };
  }
}

/**
 * What a build did and what prefix reuse saved it.
 *
 * What counts as "saved" (one unit = one rollout, i.e. one (state, stream) trajectory to the end):
 *   needed = M for every valued non-terminal step and sibling in the records written, counted per
 *            record (so a state shared by two solutions counts twice): what a builder without any
 *            reuse, scoring each record on its own like the Monte-Carlo PRM does, would roll out;
 *   run    = rollouts whose first step this build generated;
 *   saved  = needed - run, split into
 *            stateCache: the whole state had been valued before in the same question (a repeated
 *                        state: another solution's prefix, a sibling equal to a step, ...);
 *            pathReuse:  the stream was already known at valuation time — a solution's own
 *                        continuation (stream j of its prefixes), or an earlier rollout of another
 *                        state that passed through this state on the same stream.
 * A rollout that is run but joins a known stream after a few steps counts as run; what it saved
 * shows in steps: `naiveSteps` (solutions + K per sibling sample + every needed rollout's full
 * length) against the `generatedSteps` the policy actually produced.
 */
import type { ScorerUsage } from '@prmbas/search';

export interface RecordAccounting {
  needed: number;
  run: number;
  savedByStateCache: number;
  savedByPathReuse: number;
  naiveSteps: number;
}

export interface BuildStats extends RecordAccounting {
  /** Records this run wrote (resumed records are not counted). */
  records: number;
  rolloutsSaved: number;
  /** `rolloutsSaved / needed` (0 when nothing was needed). */
  savedShare: number;
  policyCalls: number;
  generatedSteps: number;
  tokens: number | null;
  wallMs: number;
  /** Rollouts run per second of wall time. */
  rolloutsPerSec: number;
  /** Rollouts needed per second: the rate at which values were delivered, reuse included. */
  effectiveRolloutsPerSec: number;
}

export function emptyAccounting(): RecordAccounting {
  return { needed: 0, run: 0, savedByStateCache: 0, savedByPathReuse: 0, naiveSteps: 0 };
}

export function addAccounting(into: RecordAccounting, more: RecordAccounting): void {
  into.needed += more.needed;
  into.run += more.run;
  into.savedByStateCache += more.savedByStateCache;
  into.savedByPathReuse += more.savedByPathReuse;
  into.naiveSteps += more.naiveSteps;
}

export function buildStats(records: number, accounting: RecordAccounting, usage: ScorerUsage, wallMs: number): BuildStats {
  const seconds = Math.max(wallMs, 1e-3) / 1000;
  const saved = accounting.needed - accounting.run;
  return {
    records,
    ...accounting,
    rolloutsSaved: saved,
    savedShare: accounting.needed > 0 ? saved / accounting.needed : 0,
    policyCalls: usage.policyCalls,
    generatedSteps: usage.generatedSteps,
    tokens: usage.tokens,
    wallMs,
    rolloutsPerSec: accounting.run / seconds,
    effectiveRolloutsPerSec: accounting.needed / seconds,
  };
}

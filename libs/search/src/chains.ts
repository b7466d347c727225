/**
 * Independent chains sampled in lockstep (greedy, self-consistency, best-of-N): at each depth
 * every unfinished chain asks for one next step, all those calls run concurrently, and (when
 * scoring) the PRM scores the whole depth in one batch. Lockstep is what makes a depth cost one
 * policy latency instead of one per chain.
 */
import type { SearchRun } from './search-run';

export interface ChainOptions {
  chains: number;
  temperature: number;
  maxDepth: number;
  /** Score every depth with the PRM (best-of-N). */
  score: boolean;
}

export interface ChainOutcome {
  /** Terminal node of each chain that finished, in chain order. */
  finished: number[];
  /** Chains alive at each depth. */
  beamWidths: number[];
}

export async function sampleChains(run: SearchRun, options: ChainOptions): Promise<ChainOutcome> {
  // Last node of each live chain; null = still at the question.
  let live = Array.from({ length: options.chains }, (_, chain) => ({ chain, last: null as number | null }));
  const finished: number[] = [];
  const beamWidths: number[] = [];

  for (let depth = 0; depth < options.maxDepth && live.length > 0; depth++) {
    beamWidths.push(live.length);
    const created = await run.expand(
      depth,
      live.map((c) => ({ parent: c.last, n: 1, lane: c.chain, chain: c.chain })),
      { temperature: options.temperature, finalize: depth === options.maxDepth - 1, width: live.length },
    );
    if (options.score) await run.score(depth, created.flat());

    const next: typeof live = [];
    live.forEach((c, i) => {
      const step = created[i]?.[0];
      if (!step) return; // the policy returned nothing: the chain ends without an answer
      if (step.terminal) finished.push(step.id);
      else next.push({ chain: c.chain, last: step.id });
    });
    live = next;
  }
  return { finished, beamWidths };
}

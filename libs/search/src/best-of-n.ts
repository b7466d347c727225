/**
 * Best-of-N with the PRM: N sampled chains, every depth scored in one PRM batch; the answer is
 * the chain with the best aggregated score (plain) or the answer with the largest sum of
 * aggregated scores (PRM-weighted vote). Ties go to the lowest-numbered chain.
 */
import { sampleChains } from './chains';
import type { BestOfNConfig } from './search-config';
import type { SearchRun } from './search-run';
import type { SearchResult } from './types';

export async function bestOfN(config: BestOfNConfig, run: SearchRun): Promise<SearchResult> {
  run.requirePrm();
  const { finished, beamWidths } = await sampleChains(run, {
    chains: config.n,
    temperature: config.temperature,
    maxDepth: config.maxDepth,
    score: true,
  });
  return run.finish(run.chooseAnswer(finished, config, (n) => n.chain ?? n.id), beamWidths);
}

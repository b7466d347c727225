/** Greedy chain of thought: one chain, temperature 0, one candidate per step; no PRM. */
import { sampleChains } from './chains';
import type { GreedyConfig } from './search-config';
import type { SearchRun } from './search-run';
import type { SearchResult } from './types';

export async function greedy(config: GreedyConfig, run: SearchRun): Promise<SearchResult> {
  const { finished, beamWidths } = await sampleChains(run, { chains: 1, temperature: 0, maxDepth: config.maxDepth, score: false });
  return run.finish(run.chooseAnswer(finished, 'majority'), beamWidths);
}

/**
 * Self-consistency: N sampled chains, majority vote over their answers. Ties go to the answer
 * voted for by the lowest-numbered chain, so the outcome never depends on completion order.
 */
import { sampleChains } from './chains';
import type { SelfConsistencyConfig } from './search-config';
import type { SearchRun } from './search-run';
import type { SearchResult } from './types';

export async function selfConsistency(config: SelfConsistencyConfig, run: SearchRun): Promise<SearchResult> {
  const { finished, beamWidths } = await sampleChains(run, {
    chains: config.n,
    temperature: config.temperature,
    maxDepth: config.maxDepth,
    score: false,
  });
  return run.finish(run.chooseAnswer(finished, 'majority', (n) => n.chain ?? n.id), beamWidths);
}

/** Fixed-width beam search with the PRM: the PRM-BAS loop with b_t = b_0 = `width`. */
import { beamLoop } from './beam-loop';
import type { BeamConfig } from './search-config';
import type { SearchRun } from './search-run';
import type { SearchResult } from './types';

export function beamSearch(config: BeamConfig, run: SearchRun): Promise<SearchResult> {
  return beamLoop(run, {
    schedule: { kind: 'constant', b0: config.width },
    k: config.k,
    temperature: config.temperature,
    maxDepth: config.maxDepth,
    finishedTarget: config.finishedTarget ?? config.width,
    aggregation: config.aggregation,
    select: config.select,
    dedupe: config.dedupe,
  });
}

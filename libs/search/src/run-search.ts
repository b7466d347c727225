/** The one entry point: validate the config, check the dependencies, run the named strategy. */
import { beamAnnealing } from './beam-annealing';
import { beamSearch } from './beam-search';
import { bestOfN } from './best-of-n';
import { dvts } from './dvts';
import { greedy } from './greedy';
import { PRM_STRATEGIES, parseSearchConfig, type SearchConfig, type SearchConfigInput } from './search-config';
import { SearchRun, type SearchDeps } from './search-run';
import { selfConsistency } from './self-consistency';
import type { SearchResult } from './types';

/**
 * Run one search. `config` is validated (and completed with defaults) here, so a raw object from
 * a CLI flag or an HTTP body can be passed as is; invalid configs throw `SearchConfigError`.
 * Rejects with the signal's reason when `deps.signal` aborts.
 */
export async function runSearch(config: SearchConfigInput | SearchConfig, deps: SearchDeps): Promise<SearchResult> {
  const parsed = parseSearchConfig(config);
  if (PRM_STRATEGIES.includes(parsed.strategy) && !deps.prm) {
    throw new Error(`${parsed.strategy} needs a PRM: pass { prm } to runSearch`);
  }
  const run = new SearchRun(parsed.strategy, { seed: parsed.seed, concurrency: parsed.concurrency }, deps);
  run.throwIfAborted();
  switch (parsed.strategy) {
    case 'greedy':
      return greedy(parsed, run);
    case 'self-consistency':
      return selfConsistency(parsed, run);
    case 'best-of-n':
      return bestOfN(parsed, run);
    case 'beam':
      return beamSearch(parsed, run);
    case 'dvts':
      return dvts(parsed, run);
    case 'prm-bas':
      return beamAnnealing(parsed, run);
  }
}

/**
 * PRM-BAS, PRM-guided beam annealing search (arXiv 2504.10222): beam search whose width follows
 * a schedule, wide early when the PRM is least reliable, narrow later. See `beam-loop.ts` for the
 * loop and `schedules.ts` for the widths.
 */
import { beamLoop } from './beam-loop';
import type { PrmBasConfig } from './search-config';
import type { SearchRun } from './search-run';
import type { SearchResult } from './types';

export function beamAnnealing(config: PrmBasConfig, run: SearchRun): Promise<SearchResult> {
  return beamLoop(run, {
    schedule: config.schedule,
    k: config.k,
    temperature: config.temperature,
    maxDepth: config.maxDepth,
    finishedTarget: config.finishedTarget ?? config.schedule.b0,
    aggregation: config.aggregation,
    select: config.select,
    dedupe: config.dedupe,
  });
}

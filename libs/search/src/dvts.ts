/**
 * DVTS, diverse verifier tree search (as in huggingface/search-and-learn): n/m independent
 * subtrees, each greedy on the PRM. At every depth each subtree's live beam (the question at
 * depth 0) proposes m candidates; all subtrees' calls run concurrently and the PRM scores the
 * whole depth in one batch. Each subtree then keeps its single best candidate: if that one is
 * terminal the subtree is done, otherwise it is the subtree's next live beam. Every terminal
 * candidate joins the finished pool; the answer is chosen from the pool like PRM-BAS's.
 */
import { rankByScore } from './beam-loop';
import type { DvtsConfig } from './search-config';
import type { SearchRun } from './search-run';
import type { SearchResult } from './types';

export async function dvts(config: DvtsConfig, run: SearchRun): Promise<SearchResult> {
  run.requirePrm();
  const subtrees = config.n / config.m;
  let live = Array.from({ length: subtrees }, (_, subtree) => ({ subtree, beam: null as number | null }));
  const finished: number[] = [];
  const beamWidths: number[] = [];

  for (let depth = 0; depth < config.maxDepth && live.length > 0; depth++) {
    beamWidths.push(live.length);
    const created = await run.expand(
      depth,
      live.map((s) => ({ parent: s.beam, n: config.m, lane: s.subtree, chain: s.subtree })),
      { temperature: config.temperature, finalize: depth === config.maxDepth - 1, width: live.length },
    );
    await run.score(depth, created.flat());
    for (const node of created.flat()) if (node.terminal) finished.push(node.id);
    if (depth + 1 >= config.maxDepth) break; // no next depth: leave the live candidates 'kept'

    const next: typeof live = [];
    const kept: number[] = [];
    const pruned: number[] = [];
    live.forEach((s, i) => {
      const [best, ...rest] = rankByScore(created[i] ?? []);
      for (const node of rest) {
        if (!node.terminal) {
          run.tree.setStatus(node.id, 'pruned');
          pruned.push(node.id);
        }
      }
      if (!best || best.terminal) return; // subtree done (or the policy returned nothing)
      kept.push(best.id);
      next.push({ subtree: s.subtree, beam: best.id });
    });
    run.emit({ type: 'beams-selected', depth, width: next.length, kept, pruned });
    live = next;
  }

  return run.finish(run.chooseAnswer(finished, config), beamWidths);
}

/**
 * The beam loop shared by PRM-BAS and fixed-width beam search (PRM-BAS.md, steps 1–5):
 *   depth 0: the policy samples b_0 first steps; the PRM scores them in one batch;
 *   depth t: the top b_t live (non-terminal) candidates of depth t-1 each propose k candidates,
 *            all calls of the depth concurrently; the PRM scores the whole depth in one batch;
 *            terminal candidates join the finished pool.
 *   stop: no live candidate, `finishedTarget` answers finished, or maxDepth steps (the last
 *         expansion asks the policy to finalize).
 * Selection happens only when another depth follows, so live candidates left at the end stay
 * 'kept' (live, never expanded) rather than 'pruned'.
 */
import { scheduleWidth, type WidthSchedule } from './schedules';
import type { Aggregation, Selection } from './search-config';
import type { ExpandRequest, SearchRun } from './search-run';
import type { SearchResult, TreeNode } from './types';

export interface BeamLoopOptions {
  schedule: WidthSchedule;
  k: number;
  temperature: number;
  maxDepth: number;
  finishedTarget: number;
  aggregation: Aggregation;
  select: Selection;
  /** Prefer distinct states when selecting beams; copies only fill slots left empty. */
  dedupe: boolean;
}

/** Best score first; equal scores keep id order so selection never depends on sort stability. */
export function rankByScore(nodes: readonly TreeNode[]): TreeNode[] {
  return [...nodes].sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.id - b.id);
}

/**
 * The top `width` of `ranked`. With `dedupe`, distinct states (whole step sequences) come first:
 * a sampled policy often repeats its likeliest step, and eight copies of one state crowd out the
 * runners-up. Copies still fill slots that distinct states leave empty, so the compute per depth
 * stays what the schedule says (a copy is just more samples from that state).
 */
export function selectBeams(
  run: SearchRun,
  ranked: readonly TreeNode[],
  width: number,
  dedupe: boolean,
): { kept: TreeNode[]; pruned: TreeNode[] } {
  if (!dedupe) return { kept: ranked.slice(0, width), pruned: ranked.slice(width) };
  const seen = new Set<string>();
  const distinct: TreeNode[] = [];
  const copies: TreeNode[] = [];
  for (const node of ranked) {
    const key = JSON.stringify(run.tree.steps(node.id));
    (seen.has(key) ? copies : distinct).push(node);
    seen.add(key);
  }
  const kept = [...distinct.slice(0, width), ...copies.slice(0, Math.max(0, width - distinct.length))];
  const keptIds = new Set(kept.map((n) => n.id));
  return { kept, pruned: ranked.filter((n) => !keptIds.has(n.id)) };
}

export async function beamLoop(run: SearchRun, options: BeamLoopOptions): Promise<SearchResult> {
  run.requirePrm();
  const finished: number[] = [];
  // beamWidths[0] = b_0 first steps sampled; beamWidths[t] = live beams expanded at depth t.
  const beamWidths: number[] = [];
  let width = options.schedule.b0;
  let requests: ExpandRequest[] = [{ parent: null, n: width }];

  for (let depth = 0; ; depth++) {
    const beams = depth === 0 ? width : requests.length;
    beamWidths.push(beams);
    const finalize = depth === options.maxDepth - 1;
    const created = (await run.expand(depth, requests, { temperature: options.temperature, finalize, width: beams })).flat();
    await run.score(depth, created);

    for (const node of created) if (node.terminal) finished.push(node.id);
    const live = rankByScore(created.filter((n) => !n.terminal));
    if (live.length === 0 || finished.length >= options.finishedTarget || depth + 1 >= options.maxDepth) break;

    width = scheduleWidth(options.schedule, depth + 1, { previous: width, liveScores: live.map((n) => n.score ?? 0) });
    const { kept, pruned } = selectBeams(run, live, width, options.dedupe);
    for (const node of pruned) run.tree.setStatus(node.id, 'pruned');
    run.emit({
      type: 'beams-selected',
      depth,
      width,
      kept: kept.map((n) => n.id),
      pruned: pruned.map((n) => n.id),
    });
    // Expand in id order: the order of calls and of new ids follows the tree, not the ranking.
    requests = kept
      .map((n) => n.id)
      .sort((a, b) => a - b)
      .map((id) => ({ parent: id, n: options.k }));
  }

  return run.finish(run.chooseAnswer(finished, options), beamWidths);
}

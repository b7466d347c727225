/**
 * The Monte-Carlo PRM: a model-free `Prm` that values (state, candidate) by rolling the policy out
 * M times from state + candidate and counting the rollouts that reach the gold answer (through the
 * injected `isCorrect`). A terminal candidate needs no rollouts: it is worth 1 if its answer is
 * correct, else 0. Expensive by design; its work is reported in `PrmScores.usage` so the search can
 * account for it apart from its own.
 */
import { setMaxListeners } from 'node:events';
import type { Prm, PrmItem, PrmScores, ScorerUsage } from '@prmbas/search';
import { Semaphore } from '@prmbas/search';
import { MC_PRM_DEFAULTS, resolveMcPrmConfig, type McPrmConfig, type McPrmOptions } from './mc-config';
import { runRollouts, UsageMeter } from './rollout';

/** Items with the same problem, state and candidate share one estimate (and its rollouts). */
function itemKey(item: PrmItem): string {
  return JSON.stringify([item.problem.id, item.steps, item.candidate, item.terminal, item.answer ?? null]);
}

export class McPrm implements Prm {
  readonly name: string;
  private readonly config: McPrmConfig;
  private readonly semaphore: Semaphore;
  private readonly total = new UsageMeter();
  private scoredItems = 0;

  constructor(options: McPrmOptions) {
    this.config = resolveMcPrmConfig(options);
    this.name = this.config.name;
    this.semaphore = new Semaphore(this.config.concurrency);
  }

  get rollouts(): number {
    return this.config.rollouts;
  }

  /** Work done over the life of this scorer, and the most rollout calls that were ever in flight. */
  stats(): ScorerUsage & { scoredItems: number; maxInFlight: number } {
    return { ...this.total.toUsage(), scoredItems: this.scoredItems, maxInFlight: this.semaphore.maxInFlight };
  }

  async score(items: readonly PrmItem[], options: { seed?: number; signal?: AbortSignal } = {}): Promise<PrmScores> {
    const seed = options.seed ?? MC_PRM_DEFAULTS.seed;
    const usage = new UsageMeter();
    // One failed rollout fails the batch; stop the others instead of letting them run on.
    const controller = new AbortController();
    // Every queued rollout listens on this signal (and removes its listener when it runs): many
    // listeners are expected here, not a leak.
    setMaxListeners(0, controller.signal);
    const onAbort = (): void => controller.abort(options.signal?.reason);
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const c = this.config;
    const plan = { ...c, semaphore: this.semaphore, usage, signal: controller.signal };
    const firstIndex = new Map<string, number>();
    const estimates = new Map<number, Promise<number>>();
    try {
      const scores = await Promise.all(
        items.map((item, itemIndex) => {
          const key = itemKey(item);
          const owner = firstIndex.get(key);
          if (owner !== undefined) return estimates.get(owner) as Promise<number>;
          firstIndex.set(key, itemIndex);
          const estimate = item.terminal
            ? Promise.resolve(item.answer !== undefined && c.isCorrect(item.answer, item.problem) ? 1 : 0)
            : runRollouts({ problem: item.problem, steps: [...item.steps, item.candidate], seed, itemIndex }, plan).then(
                (outcome) => outcome.correct / c.rollouts,
              );
          estimate.catch((error: unknown) => controller.abort(error));
          estimates.set(itemIndex, estimate);
          return estimate;
        }),
      );
      this.scoredItems += items.length;
      return { scores, usage: usage.toUsage() };
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      // Work done before a failure was still done: count it.
      this.total.merge(usage.toUsage());
    }
  }
}

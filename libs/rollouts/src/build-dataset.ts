/**
 * The dataset builder (PRM-BAS.md, "Data construction"): for each question, S sampled solutions,
 * the Monte-Carlo value of every step prefix, and K valued sibling steps at the chosen states.
 *
 * Resumable through a `DatasetStore`: each complete solution record is appended as soon as it is
 * done; a restart skips the ids the store holds. Because every value depends only on (build seed,
 * question, state) — see rollout-tree.ts — a resumed build writes the same records as an
 * uninterrupted one. Questions run `concurrency` at a time; within a question, the prefix states
 * of a solution are valued one after another (shallowest first) and each state's M rollouts and a
 * state's siblings run together.
 */
import { setMaxListeners } from 'node:events';
import { UsageMeter } from '@prmbas/policy';
import { imagePathFor, type Question } from '@prmbas/tasks';
import type { Policy } from '@prmbas/search';
import { resolveBuildConfig, type DatasetBuildConfig } from './build-config';
import { addAccounting, buildStats, emptyAccounting, type BuildStats } from './build-stats';
import type { DatasetStore } from './dataset-store';
import { RolloutTree, type IsCorrectAnswer } from './rollout-tree';
import { buildSolutionRecord, solutionId } from './solution-builder';

/** Version tag written into every record's meta (bump when the same config would give other records). */
export const BUILDER_VERSION = 'prmbas-rollouts/1';

export interface BuildProgress {
  /** Solutions stored, resumed ones included. */
  done: number;
  /** Solutions the build covers: questions × S. */
  total: number;
  /** Solutions found already stored at the start and skipped. */
  skipped: number;
  /** Rollouts run by this process so far. */
  rollouts: number;
  rolloutsPerSec: number;
  /** Rollouts saved by reuse so far (see build-stats.ts for what counts). */
  saved: number;
  policyCalls: number;
  elapsedMs: number;
}

export interface BuildDatasetOptions {
  questions: readonly Question[];
  policy: Policy;
  /** Checks a final answer against the question's gold answer. */
  isCorrect: IsCorrectAnswer;
  store: DatasetStore;
  config?: Partial<DatasetBuildConfig>;
  /** A record's image reference; default `images/<id>.png` (see `writeDatasetImages`), null without image. */
  imageRef?: (question: Question) => string | null;
  /** Extra provenance merged into every record's meta (e.g. the policy spec, the suite digest). */
  provenance?: Record<string, unknown>;
  onProgress?: (progress: BuildProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
}

export interface BuildReport {
  config: DatasetBuildConfig;
  total: number;
  skipped: number;
  /** Stats of this run only (resumed records were built by an earlier run). */
  stats: BuildStats;
}

/** The default image reference: the first image's path relative to the dataset file. */
export function defaultImageRef(question: Question): string | null {
  return question.images.length > 0 ? imagePathFor(question, 0) : null;
}

export async function buildDataset(options: BuildDatasetOptions): Promise<BuildReport> {
  const config = resolveBuildConfig(options.config);
  const now = options.now ?? (() => performance.now());
  const started = now();
  const seen = new Set<string>();
  for (const q of options.questions) {
    if (seen.has(q.id)) throw new Error(`dataset build: question id ${JSON.stringify(q.id)} appears twice; ids are the resume key`);
    seen.add(q.id);
  }

  const done = await options.store.doneIds();
  const todo = options.questions
    .map((question) => ({ question, solutions: range(config.solutions).filter((j) => !done.has(solutionId(question.id, j))) }))
    .filter((t) => t.solutions.length > 0);
  const total = options.questions.length * config.solutions;
  const skipped = total - todo.reduce((n, t) => n + t.solutions.length, 0);

  const meta = {
    builder: BUILDER_VERSION,
    policy: options.policy.name,
    seed: config.seed,
    rollouts: config.rollouts,
    siblings: config.siblings,
    siblingStates: config.siblingStates,
    temperature: config.temperature,
    maxSteps: config.maxSteps,
    ...options.provenance,
  };
  const imageRef = options.imageRef ?? defaultImageRef;
  const usage = new UsageMeter();
  const accounting = emptyAccounting();
  let written = 0;

  // One failure (or the caller's abort) stops every question in flight.
  const controller = new AbortController();
  // Each in-flight policy call may listen on the signal: many listeners are expected, not a leak.
  setMaxListeners(0, controller.signal);
  const onAbort = (): void => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const progress = (): void => {
    const elapsedMs = now() - started;
    options.onProgress?.({
      done: skipped + written,
      total,
      skipped,
      rollouts: accounting.run,
      rolloutsPerSec: accounting.run / (Math.max(elapsedMs, 1e-3) / 1000),
      saved: accounting.needed - accounting.run,
      policyCalls: usage.policyCalls,
      elapsedMs,
    });
  };

  const buildQuestion = async (question: Question, solutions: readonly number[]): Promise<void> => {
    const tree = new RolloutTree(question, { policy: options.policy, isCorrect: options.isCorrect, config, usage, signal: controller.signal });
    const image = imageRef(question);
    for (const j of solutions) {
      const { record, accounting: one } = await buildSolutionRecord(tree, question, j, { config, image, meta });
      // Stored even if the build is being stopped: the record is complete and correct.
      await options.store.append(record);
      addAccounting(accounting, one);
      written++;
      progress();
    }
  };

  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (next < todo.length && !failure) {
      const { question, solutions } = todo[next++] as (typeof todo)[number];
      try {
        await buildQuestion(question, solutions);
      } catch (error) {
        failure ??= { error: controller.signal.aborted && options.signal?.aborted ? options.signal.reason : error };
        controller.abort(error);
      }
    }
  };
  try {
    progress();
    await Promise.all(range(Math.min(config.concurrency, todo.length)).map(worker));
    if (failure) throw (failure as { error: unknown }).error;
    options.signal?.throwIfAborted();
    const stats = buildStats(written, accounting, usage.toUsage(), now() - started);
    const report: BuildReport = { config, total, skipped, stats };
    await options.store.finish({ ...report });
    return report;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

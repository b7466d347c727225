import { hashSeed, runSearch, type Policy, type Prm, type SearchConfig, type SearchResult } from '@prmbas/search';
import { isCorrect, type Question } from '@prmbas/tasks';
import type { QuestionOutcome, StrategySummary } from './bench-report';
import { summarise } from './summarise';

export interface BenchStrategy {
  /** Label shown in tables and written to JSON. */
  name: string;
  config: SearchConfig;
}

export interface BenchProgress {
  strategy: string;
  strategyIndex: number;
  strategies: number;
  done: number;
  total: number;
  correct: number;
}

export interface BenchOptions {
  questions: readonly Question[];
  strategies: readonly BenchStrategy[];
  policy: Policy;
  prm?: Prm;
  /** Run seed: each question's search seed is derived from it and the question id. */
  seed: number;
  /** Questions searched at the same time (helps with remote policies; the sim is CPU-bound). */
  concurrency?: number;
  onProgress?: (progress: BenchProgress) => void;
  /** Called with every finished search, e.g. to store traces. */
  onResult?: (strategy: BenchStrategy, question: Question, result: SearchResult) => void;
  signal?: AbortSignal;
  now?: () => number;
}

/**
 * Runs every strategy over every question with the same policy, PRM and per-question seeds, so
 * the only difference between rows is the strategy. Strategies run one after another so their
 * wall times do not interfere.
 */
export async function runBenchmark(options: BenchOptions): Promise<StrategySummary[]> {
  const now = options.now ?? (() => performance.now());
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const summaries: StrategySummary[] = [];
  for (const [strategyIndex, strategy] of options.strategies.entries()) {
    const outcomes: QuestionOutcome[] = new Array(options.questions.length);
    let done = 0;
    let correct = 0;
    const started = now();
    let next = 0;
    const worker = async () => {
      while (next < options.questions.length) {
        options.signal?.throwIfAborted();
        const index = next++;
        const question = options.questions[index] as Question;
        const outcome = await runOne(options, strategy, question);
        outcomes[index] = outcome;
        done++;
        if (outcome.correct) correct++;
        options.onProgress?.({
          strategy: strategy.name,
          strategyIndex,
          strategies: options.strategies.length,
          done,
          total: options.questions.length,
          correct,
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, options.questions.length) }, worker));
    summaries.push(summarise(strategy.name, strategy.config.strategy, outcomes, now() - started));
  }
  return summaries;
}

async function runOne(options: BenchOptions, strategy: BenchStrategy, question: Question): Promise<QuestionOutcome> {
  const config = { ...strategy.config, seed: hashSeed(options.seed, question.id) } as SearchConfig;
  try {
    const result = await runSearch(config, {
      policy: options.policy,
      prm: options.prm,
      problem: question,
      signal: options.signal,
    });
    options.onResult?.(strategy, question, result);
    const ok = result.answer !== null && isCorrect(result.answer, question.answer, question);
    return { questionId: question.id, answer: result.answer, gold: question.answer, correct: ok, cost: result.cost };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    // A failure on one question (e.g. a policy server error) is recorded, not fatal: the row
    // reports how many questions errored so nobody mistakes it for a wrong answer.
    return {
      questionId: question.id,
      answer: null,
      gold: question.answer,
      correct: false,
      error: error instanceof Error ? error.message : String(error),
      cost: emptyCost(),
    };
  }
}

function emptyCost() {
  return {
    policyCalls: 0,
    generatedSteps: 0,
    tokens: null,
    prmScoredSteps: 0,
    prmBatches: 0,
    scorer: { policyCalls: 0, generatedSteps: 0, tokens: null },
    wallMs: 0,
  };
}

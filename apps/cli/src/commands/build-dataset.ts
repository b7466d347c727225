import {
  BUILD_DEFAULTS,
  buildDataset,
  datasetDigest,
  DatasetHeaderMismatchError,
  JsonlDatasetStore,
  parseSiblingStates,
  readDatasetJsonl,
  summariseDataset,
  writeDatasetImages,
  writeTrlJsonl,
  type BuildReport,
  type DatasetBuildConfig,
  type DatasetSummary,
} from '@prmbas/rollouts';
import { isCorrect } from '@prmbas/tasks';
import path from 'node:path';
import { createProgress } from '../progress';
import { createPolicy } from '../specs/components';
import { UsageError } from '../specs/spec-string';
import { loadSuite } from '../suite-source';

export interface BuildDatasetFlags {
  /** `synth` or a benchmark file. */
  suite?: string;
  /** Synth suite size, or the first N questions of a file suite. */
  questions?: number | string;
  seed?: number | string;
  difficulty?: string;
  families?: string;
  policy?: string;
  policyModel?: string;
  solutions?: number | string;
  rollouts?: number | string;
  siblings?: number | string;
  siblingStates?: string;
  temperature?: number | string;
  maxSteps?: number | string;
  concurrency?: number | string;
  out: string;
  /** Also export TRL stepwise-supervision JSONL here. */
  trl?: string;
  /** TRL labels are value > this. */
  labelThreshold?: number | string;
  quiet?: boolean;
}

export interface BuildDatasetResult {
  file: string;
  report: BuildReport;
  summary: DatasetSummary;
  digest: string;
}

/** Which flag sets each header field (so a resume mismatch names the flag to fix). */
const HEADER_FLAGS: Record<string, string> = {
  suite: '--suite',
  questions: '--questions',
  seed: '--seed',
  difficulty: '--difficulty',
  families: '--families',
  policy: '--policy',
  policyModel: '--policy-model',
  solutions: '--solutions',
  rollouts: '--rollouts',
  siblings: '--siblings',
  siblingStates: '--sibling-states',
  temperature: '--temperature',
  maxSteps: '--max-steps',
  suiteDigest: '--suite',
};

function numberFlag(flag: string, value: number | string | undefined, options: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (String(value).trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag}: "${value}" is not a number`);
  if (options.integer && !Number.isInteger(n)) throw new UsageError(`${flag}: must be an integer, got ${value}`);
  if (options.min !== undefined && n < options.min) throw new UsageError(`${flag}: must be >= ${options.min}, got ${value}`);
  if (options.max !== undefined && n > options.max) throw new UsageError(`${flag}: must be <= ${options.max}, got ${value}`);
  return n;
}

/**
 * `prmbas build-dataset`: Monte-Carlo step values and sibling groups for a suite, written as our
 * JSONL (one solution record per line, images under images/ next to it). Resumable: the same
 * command continues an interrupted build; other flags on an existing file are refused.
 */
export async function buildDatasetCommand(
  flags: BuildDatasetFlags,
  /** Where the summary lines go (stdout by default; `prmbas demo` sends them to its log). */
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<BuildDatasetResult> {
  if (!flags.out) throw new UsageError('--out: required (the dataset file, e.g. data/train.jsonl)');
  const siblingStates = parseSiblingStates(flags.siblingStates ?? String(BUILD_DEFAULTS.siblingStates));
  if (siblingStates === null) throw new UsageError(`--sibling-states: "${flags.siblingStates}" must be all, none, first-error or a fraction in (0, 1]`);
  const seed = numberFlag('--seed', flags.seed, { integer: true }) ?? 0;
  const config: DatasetBuildConfig = {
    ...BUILD_DEFAULTS,
    seed,
    solutions: numberFlag('--solutions', flags.solutions, { integer: true, min: 1 }) ?? BUILD_DEFAULTS.solutions,
    rollouts: numberFlag('--rollouts', flags.rollouts, { integer: true, min: 1 }) ?? BUILD_DEFAULTS.rollouts,
    siblings: numberFlag('--siblings', flags.siblings, { integer: true, min: 0 }) ?? BUILD_DEFAULTS.siblings,
    siblingStates,
    temperature: numberFlag('--temperature', flags.temperature, { min: 0 }) ?? BUILD_DEFAULTS.temperature,
    maxSteps: numberFlag('--max-steps', flags.maxSteps, { integer: true, min: 1 }) ?? BUILD_DEFAULTS.maxSteps,
    concurrency: numberFlag('--concurrency', flags.concurrency, { integer: true, min: 1 }) ?? BUILD_DEFAULTS.concurrency,
  };
  const labelThreshold = numberFlag('--label-threshold', flags.labelThreshold, { min: 0, max: 1 });
  const questionsFlag = numberFlag('--questions', flags.questions, { integer: true, min: 1 });
  const suiteName = flags.suite ?? 'synth';
  const suite = await loadSuite({
    suite: suiteName,
    size: questionsFlag,
    limit: suiteName === 'synth' ? undefined : questionsFlag,
    seed,
    difficulty: flags.difficulty,
    families: flags.families,
  });
  if (suite.questions.length === 0) throw new UsageError('--suite: the suite has no questions');
  const policySpec = flags.policy ?? 'sim';
  const policy = createPolicy({ policy: policySpec, policyModel: flags.policyModel });

  // Everything the records depend on (concurrency does not): a resume must match it exactly.
  const header = {
    // A file suite is identified by its digest, so the same file reached by another path resumes.
    suite: suite.kind,
    questions: suite.questions.length,
    seed,
    difficulty: flags.difficulty ?? 'mixed',
    families: flags.families ?? 'all',
    policy: policySpec,
    policyModel: flags.policyModel ?? null,
    solutions: config.solutions,
    rollouts: config.rollouts,
    siblings: config.siblings,
    siblingStates: config.siblingStates,
    temperature: config.temperature,
    maxSteps: config.maxSteps,
    suiteDigest: suite.digest,
  };
  let store: JsonlDatasetStore;
  try {
    store = await JsonlDatasetStore.open(flags.out, { header });
  } catch (error) {
    if (error instanceof DatasetHeaderMismatchError) {
      const flag = HEADER_FLAGS[error.field] ?? error.field;
      throw new UsageError(
        `${flag}: ${flags.out} was built with ${error.field} = ${JSON.stringify(error.stored)}, not ${JSON.stringify(error.given)}; ` +
          'rerun with the same flags to resume it, or choose another --out',
      );
    }
    throw error;
  }

  const log = (line: string): void => {
    if (!flags.quiet) process.stderr.write(`${line}\n`);
  };
  const controller = new AbortController();
  const onSigint = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  const progress = createProgress();
  let report: BuildReport;
  try {
    if (store.recovered.records > 0 || store.recovered.truncatedBytes > 0) {
      log(`resuming ${flags.out}: ${store.recovered.records} solutions already built${store.recovered.truncatedBytes > 0 ? ` (cut off a torn last line of ${store.recovered.truncatedBytes} bytes)` : ''}`);
    }
    await writeDatasetImages(flags.out, suite.questions);
    log(`suite ${suite.source}: ${suite.questions.length} questions (digest ${suite.digest.slice(0, 12)}), policy ${policySpec}, S=${config.solutions} M=${config.rollouts} K=${config.siblings}`);
    report = await buildDataset({
      questions: suite.questions,
      policy,
      isCorrect: (answer, question) => isCorrect(answer, question.answer, question),
      store,
      config,
      provenance: { policySpec, suiteDigest: suite.digest },
      signal: controller.signal,
      onProgress: (p) => {
        if (flags.quiet) return;
        progress.update('build-dataset', p.done, p.total, `${Math.round(p.rolloutsPerSec)} rollouts/s · saved ${p.saved} · ${p.policyCalls} calls`);
      },
    });
    if (!flags.quiet) progress.done();
  } catch (error) {
    if (!flags.quiet) progress.done();
    if (controller.signal.aborted) {
      const done = (await store.doneIds()).size;
      throw new UsageError(`interrupted: ${done} of ${suite.questions.length * config.solutions} solutions are in ${flags.out}; run the same command to resume`);
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSigint);
    await store.close();
  }

  const records = await readDatasetJsonl(flags.out);
  const summary = summariseDataset(records);
  const digest = datasetDigest(records);
  const s = report.stats;
  const out = write;
  out(`wrote ${records.length} solution records to ${path.relative(process.cwd(), flags.out) || flags.out} (digest ${digest})`);
  out(`  steps ${summary.steps}, mean value ${summary.meanValue.toFixed(3)}, correct solutions ${(100 * summary.correctShare).toFixed(1)}%, sibling groups ${summary.siblingGroups}, pairs ${summary.pairs}`);
  out(
    `  this run: ${s.records} records in ${(s.wallMs / 1000).toFixed(1)} s, ${s.run} rollouts run (${Math.round(s.rolloutsPerSec)}/s), ${s.policyCalls} policy calls, ` +
      `saved by reuse ${s.rolloutsSaved} of ${s.needed} rollouts (${(100 * s.savedShare).toFixed(1)}%), steps generated ${s.generatedSteps} of ${s.naiveSteps} without reuse`,
  );
  if (report.skipped > 0) out(`  resumed: ${report.skipped} records were already built`);
  if (flags.trl) {
    const rows = await writeTrlJsonl(flags.trl, records, labelThreshold !== undefined ? { threshold: labelThreshold } : {});
    out(`wrote ${rows} TRL stepwise rows to ${flags.trl}`);
  }
  return { file: flags.out, report, summary, digest };
}

/**
 * `prmbas bench-prm` (`npm run bench:prm`): throughput of the multimodal PRM on the best backend
 * that loads here (tfjs-node-gpu, tfjs-node, wasm, cpu):
 *   - training: examples/s at the default batch (64): the optimizer step alone (forward, backward,
 *     Adam) and the wall clock including batching and featurizing;
 *   - inference: scored steps/s, forward passes at fixed batch sizes (features precomputed), and
 *     inside PRM-BAS, where each search depth is one batched `score` call (featurizing included).
 * A benchmark, not a test: figures depend on the machine and on what else runs on it, so the
 * report records the core count and the load average at the start.
 */
import os from 'node:os';
import { runBenchmark } from '@prmbas/bench';
import {
  DEFAULT_MULTIMODAL_TRAINING,
  initBackend,
  loadMultimodalPrm,
  ModelPrm,
  predictLogits,
  recordExamples,
  simSolutionRecords,
  trainMultimodalPrm,
  type MmFeaturizer,
  type MultimodalPrm,
} from '@prmbas/prm';
import type { Prm, PrmItem } from '@prmbas/search';
import { PRESETS } from '../presets';
import { gitCommit } from '../provenance';
import { createPolicy } from '../specs/components';
import { countFlag } from '../specs/spec-string';
import { resolveStrategies } from '../strategy-configs';
import { loadSuite } from '../suite-source';
import { backendFlag } from './train';
import { writeJsonReport } from '../json-report';

export interface BenchPrmFlags {
  /** A trained model for the inference figures (default: the model trained by the benchmark itself). */
  model?: string;
  trainSteps?: number | string;
  warmupSteps?: number | string;
  batch?: number | string;
  /** Synth questions searched with PRM-BAS for the in-search figure. */
  questions?: number | string;
  backend?: string;
  json?: string;
  quiet?: boolean;
}

export const BENCH_PRM_DEFAULTS = {
  trainSteps: 200,
  warmupSteps: 20,
  batch: DEFAULT_MULTIMODAL_TRAINING.batchSize ?? 64,
  questions: 100,
  /** Batch sizes of the forward-only inference figures (256 = eval-prm's and the search's bound). */
  inferenceBatches: [16, 64, 256],
  trainQuestions: 150,
  inferenceQuestions: 100,
} as const;

export interface ThroughputRow {
  measure: string;
  value: number;
  unit: string;
  detail: string;
}

export interface BenchPrmReport {
  tool: 'prmbas bench-prm';
  createdAt: string;
  gitCommit: string | null;
  backend: string;
  skippedBackends: string[];
  machine: { cpus: number; cpuModel: string; loadAverage1m: number };
  training: { batch: number; steps: number; examples: number; stepExamplesPerSecond: number; msPerStep: number; wallExamplesPerSecond: number };
  inference: {
    forward: { batch: number; steps: number; scoredStepsPerSecond: number }[];
    inSearch: { strategy: string; questions: number; scoreCalls: number; scoredSteps: number; meanStepsPerCall: number; scoredStepsPerSecond: number; prmSecondsShare: number };
  };
  model: string;
  rows: ThroughputRow[];
}

const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));

export function formatThroughputTable(report: Pick<BenchPrmReport, 'backend' | 'machine' | 'rows'>): string {
  const header = ['measure', 'value', 'unit', 'detail'];
  const body = report.rows.map((r) => [r.measure, fmt(r.value), r.unit, r.detail]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  return [
    `multimodal PRM throughput on ${report.backend} (${report.machine.cpus} cores, load average ${report.machine.loadAverage1m.toFixed(2)} at the start)`,
    line(header),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...body.map(line),
  ].join('\n');
}

/** A `Prm` that times its `score` calls (run the search with concurrency 1 so the times do not overlap). */
function timedPrm(inner: Prm) {
  const stats = { calls: 0, items: 0, ms: 0 };
  const prm: Prm = {
    name: inner.name,
    async score(items: readonly PrmItem[], options) {
      const t = performance.now();
      const out = await inner.score(items, options);
      stats.ms += performance.now() - t;
      stats.calls++;
      stats.items += items.length;
      return out;
    },
  };
  return { prm, stats };
}

export async function benchPrmCommand(flags: BenchPrmFlags, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<BenchPrmReport> {
  const say = (line: string) => {
    if (!flags.quiet) log(line);
  };
  const trainSteps = countFlag('--train-steps', flags.trainSteps, BENCH_PRM_DEFAULTS.trainSteps);
  const warmup = countFlag('--warmup-steps', flags.warmupSteps, BENCH_PRM_DEFAULTS.warmupSteps, 0);
  const batch = countFlag('--batch', flags.batch, BENCH_PRM_DEFAULTS.batch);
  const questions = countFlag('--questions', flags.questions, BENCH_PRM_DEFAULTS.questions);
  const loadAverage1m = os.loadavg()[0] ?? 0;
  const backend = await initBackend({ prefer: backendFlag(flags.backend), logger: { info: () => undefined } });
  say(`backend ${backend.backend}${backend.skipped.length ? ` (skipped: ${backend.skipped.map((s) => s.backend).join(', ')})` : ''}`);

  // Training: the default model and batch on in-process sim data (no files).
  say(`training ${warmup} + ${trainSteps} steps at batch ${batch} (the first ${warmup} are warm-up, not timed)`);
  const trainData = await simSolutionRecords({ questions: BENCH_PRM_DEFAULTS.trainQuestions, seed: 101 });
  let stepMs = 0;
  let stepExamples = 0;
  let timedFrom: number | null = null;
  const trained = await trainMultimodalPrm({
    records: trainData.records,
    images: new Map(trainData.records.map((r) => [r.id, trainData.images.get(r.questionId) ?? null])),
    heldOutShare: 0,
    trainer: { steps: warmup + trainSteps, batchSize: batch, evalEvery: 0, checkpointEvery: 0, progressEvery: 1 },
    onProgress: (p) => {
      if (p.step === warmup) timedFrom = performance.now();
      if (p.step > warmup) {
        stepMs += p.msPerStep;
        stepExamples += (p.examplesPerSecond * p.msPerStep) / 1000;
      }
    },
  });
  const wallSeconds = (performance.now() - (timedFrom ?? performance.now())) / 1000;
  const training = {
    batch,
    steps: trainSteps,
    examples: Math.round(stepExamples),
    stepExamplesPerSecond: stepMs > 0 ? (1000 * stepExamples) / stepMs : 0,
    msPerStep: stepMs / trainSteps,
    // Batches are packed by sibling group, so they hold about (not exactly) `batch` examples.
    wallExamplesPerSecond: wallSeconds > 0 ? stepExamples / wallSeconds : 0,
  };

  let model: MultimodalPrm = trained.model;
  let featurizer: MmFeaturizer = trained.featurizer;
  if (flags.model) {
    trained.model.dispose();
    ({ model, featurizer } = await loadMultimodalPrm(flags.model));
  }
  try {
    // Forward passes at fixed batch sizes, features precomputed (as eval-prm).
    const inferData = await simSolutionRecords({ questions: BENCH_PRM_DEFAULTS.inferenceQuestions, seed: 9001 });
    const features = inferData.records.flatMap((r) => recordExamples(r, featurizer, featurizer.image(inferData.images.get(r.questionId) ?? null))).map((e) => e.features);
    say(`inference: ${features.length} steps at batch ${BENCH_PRM_DEFAULTS.inferenceBatches.join(', ')}`);
    predictLogits(model, features.slice(0, 64), 64); // warm-up
    const forward = BENCH_PRM_DEFAULTS.inferenceBatches.map((b) => {
      const t = performance.now();
      predictLogits(model, features, b);
      const seconds = (performance.now() - t) / 1000;
      return { batch: b, steps: features.length, scoredStepsPerSecond: features.length / seconds };
    });

    // Inside PRM-BAS: one score call per search depth, featurizing included.
    const preset = PRESETS['default'];
    const suite = await loadSuite({ suite: 'synth', size: questions, seed: preset?.seed ?? 7 });
    const { prm, stats } = timedPrm(new ModelPrm(model, featurizer.featurize, { name: 'tfjs', batchSize: 256 }));
    say(`inference inside PRM-BAS: ${questions} synth questions, one search at a time`);
    const t = performance.now();
    await runBenchmark({
      questions: suite.questions,
      strategies: resolveStrategies(['prm-bas'], [preset?.overrides ?? {}]),
      policy: createPolicy({ policy: preset?.policy ?? 'sim:capability=0.6' }),
      prm,
      seed: preset?.seed ?? 7,
      concurrency: 1,
    });
    const searchSeconds = (performance.now() - t) / 1000;
    const inSearch = {
      strategy: 'prm-bas (default preset: b0 = 8 → 6 → 4, k = 4)',
      questions,
      scoreCalls: stats.calls,
      scoredSteps: stats.items,
      meanStepsPerCall: stats.calls ? stats.items / stats.calls : 0,
      scoredStepsPerSecond: stats.ms > 0 ? (1000 * stats.items) / stats.ms : 0,
      prmSecondsShare: searchSeconds > 0 ? stats.ms / 1000 / searchSeconds : 0,
    };

    const rows: ThroughputRow[] = [
      { measure: 'training (optimizer step)', value: training.stepExamplesPerSecond, unit: 'examples/s', detail: `batch ${batch} (${(training.examples / trainSteps).toFixed(1)} examples on average), ${training.msPerStep.toFixed(1)} ms/step: forward + backward + Adam, ${trainSteps} steps` },
      { measure: 'training (wall clock)', value: training.wallExamplesPerSecond, unit: 'examples/s', detail: 'the same steps with batching and featurizing' },
      ...forward.map((f) => ({ measure: `inference, forward batch ${f.batch}`, value: f.scoredStepsPerSecond, unit: 'scored steps/s', detail: `${f.steps} steps, features precomputed` })),
      {
        measure: 'inference inside PRM-BAS',
        value: inSearch.scoredStepsPerSecond,
        unit: 'scored steps/s',
        detail: `one forward per depth: ${inSearch.scoreCalls} calls, ${inSearch.meanStepsPerCall.toFixed(1)} steps/call, featurizing included; ${(100 * inSearch.prmSecondsShare).toFixed(0)}% of search time`,
      },
    ];
    const report: BenchPrmReport = {
      tool: 'prmbas bench-prm',
      createdAt: new Date().toISOString(),
      gitCommit: gitCommit(),
      backend: backend.backend,
      skippedBackends: backend.skipped.map((s) => s.backend),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', loadAverage1m },
      training,
      inference: { forward, inSearch },
      model: flags.model ?? `the benchmark's own model after its ${warmup + trainSteps} training steps (throughput does not depend on the weights)`,
      rows,
    };
    process.stdout.write(`${formatThroughputTable(report)}\n`);
    if (flags.json) {
      await writeJsonReport(flags.json, report);
      say(`wrote ${flags.json}`);
    }
    return report;
  } finally {
    model.dispose();
  }
}

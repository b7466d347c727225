/**
 * `prmbas demo` (`npm run demo`): the PRM loop end to end in a few minutes on 2 cores:
 *   1. build a small step-level dataset by Monte-Carlo rollouts (training questions, suite seed 101)
 *   2. build a held-out dataset the same way (suite seed 9001: questions never trained on)
 *   3. train the multimodal tfjs PRM on the first (plus fresh synth questions every pass)
 *   4. evaluate it on the held-out one (step AUROC, sibling pair accuracy, ECE)
 *   5. benchmark on the synth suite: greedy, PRM-BAS with the Monte-Carlo scorer, PRM-BAS and
 *      best-of-N with the trained PRM, and PRM-BAS as tuned for a learned PRM (`prm-bas@t0.4-vote`:
 *      T = 0.4, no dedupe, PRM-weighted vote)
 * and one table at the end. Everything goes to `--out` (default ./demo-results); the policy is the
 * simulated one, and the output says so.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runBenchmark, type StrategySummary } from '@prmbas/bench';
import type { Prm } from '@prmbas/search';
import { LEARNED_PRM_BAS, PRESETS } from '../presets';
import { gitCommit } from '../provenance';
import { createPolicy, createPrm } from '../specs/components';
import { countFlag, UsageError } from '../specs/spec-string';
import { createTfjsPrm } from '../specs/tfjs-prm';
import { resolveStrategies } from '../strategy-configs';
import { loadSuite } from '../suite-source';
import { buildDatasetCommand } from './build-dataset';
import { evalPrmCommand, type EvalPrmReport } from './eval-prm';
import { backendFlag, trainCommand } from './train';

export interface DemoFlags {
  out?: string;
  /** Training questions (build-dataset --questions). */
  questions?: number | string;
  /** Held-out questions for eval-prm. */
  heldOutQuestions?: number | string;
  /** Optimizer steps. */
  steps?: number | string;
  /** Fresh synth questions per training pass. */
  fresh?: number | string;
  /** Questions of the search benchmark. */
  benchSize?: number | string;
  backend?: string;
  quiet?: boolean;
}

/**
 * Sized so the whole demo takes a few minutes on 2 shared cores (measured: see the README); the
 * training steps dominate. One larger dataset built up front (rollouts shared between solutions
 * of a question) instead of `--fresh` questions every pass: fresh data is valued again every pass
 * (~2.5 s per 200 questions), which cost a third of the training time at demo size. Below ~2500
 * steps the image reading is often not learned yet (held-out AUROC 0.73 at 2000 steps in one
 * run). The full-size runs in libs/prm/scripts/EXPERIMENTS.md use 400 questions + 400 fresh per
 * pass and 8000 steps (~11 min of training alone).
 */
export const DEMO_DEFAULTS = {
  out: 'demo-results',
  questions: 1000,
  heldOutQuestions: 100,
  steps: 3000,
  fresh: 0,
  benchSize: 200,
  /** Suite seeds: training data, held-out data, benchmark (the default preset's seed). */
  trainSeed: 101,
  heldOutSeed: 9001,
  benchSeed: PRESETS['default']?.seed ?? 7,
  policy: PRESETS['default']?.policy ?? 'sim:capability=0.6',
  mcPrm: PRESETS['default']?.prm ?? 'mc:rollouts=8',
  solutions: 4,
  rollouts: 8,
  siblings: 4,
} as const;

/** Written first into `--out`; a folder holding it may be cleared by the next demo run. */
export const DEMO_MARKER = '.prmbas-demo';

export interface DemoRow {
  label: string;
  summary: StrategySummary;
}

export interface DemoReport {
  tool: 'prmbas demo';
  createdAt: string;
  gitCommit: string | null;
  policy: string;
  simulatedPolicy: boolean;
  sizes: { trainQuestions: number; heldOutQuestions: number; steps: number; fresh: number; benchQuestions: number };
  seeds: { train: number; heldOut: number; bench: number };
  backend: string;
  prm: Pick<EvalPrmReport, 'auroc' | 'pairAccuracy' | 'ece' | 'valueLoss' | 'rankLoss' | 'steps' | 'pairs' | 'byKind' | 'scoredStepsPerSecond'>;
  /** examplesPerSecond: optimizer steps only, mean over train's 50-step progress windows. */
  training: { trainExamples: number; seconds: number; examplesPerSecond: number | null };
  bench: { label: string; name: string; accuracy: number; ci95: [number, number]; correct: number; total: number; policyCallsPerQuestion: number; searchPolicyCallsPerQuestion: number; mcRolloutCallsPerQuestion: number; prmScoredStepsPerQuestion: number; wallMs: number }[];
  /** Policy calls per question of PRM-BAS with the mc scorer (search + rollouts) over PRM-BAS with the trained PRM (both at the default config). */
  policyCallRatio: number | null;
  stageSeconds: Record<string, number>;
  totalSeconds: number;
}

/** All demo flags validated (errors name the flag) with defaults filled in. */
export function resolveDemoFlags(flags: DemoFlags) {
  return {
    out: flags.out ?? DEMO_DEFAULTS.out,
    questions: countFlag('--questions', flags.questions, DEMO_DEFAULTS.questions),
    heldOutQuestions: countFlag('--held-out-questions', flags.heldOutQuestions, DEMO_DEFAULTS.heldOutQuestions),
    steps: countFlag('--steps', flags.steps, DEMO_DEFAULTS.steps),
    fresh: countFlag('--fresh', flags.fresh, DEMO_DEFAULTS.fresh, 0),
    benchSize: countFlag('--bench-size', flags.benchSize, DEMO_DEFAULTS.benchSize),
    backend: backendFlag(flags.backend),
    quiet: flags.quiet ?? false,
  };
}

/**
 * Makes `dir` ready for a demo run: created when missing; refused when it holds anything a demo
 * did not write (no marker), so a typo never deletes data. A demo that was interrupted (marker
 * with the same settings, no `demo.json` yet) is resumed: its datasets and training checkpoints
 * are kept, and build-dataset and train continue where they stopped. Anything else of a previous
 * demo (finished, or other settings) is cleared.
 */
export async function prepareDemoFolder(dir: string, settings = ''): Promise<'fresh' | 'resumed'> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') entries = [];
    else if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw new UsageError(`--out: ${dir} is a file, not a folder`);
    else throw error;
  }
  if (entries.length > 0 && !entries.includes(DEMO_MARKER)) {
    throw new UsageError(`--out: ${dir} is not empty and was not written by prmbas demo; choose another --out (or remove it)`);
  }
  const marker = `${MARKER_TEXT}${settings}\n`;
  if (entries.includes(DEMO_MARKER) && !entries.includes('demo.json') && (await readFile(path.join(dir, DEMO_MARKER), 'utf8')) === marker) return 'resumed';
  for (const entry of entries) await rm(path.join(dir, entry), { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, DEMO_MARKER), marker);
  return 'fresh';
}

const MARKER_TEXT = 'written by prmbas demo; an interrupted demo with the same settings resumes here, any other demo run with this --out clears this folder\n';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const per = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const metric = (x: number | null) => (x === null ? '-' : x.toFixed(3));

/** Search rows as the table shows them: policy calls include the Monte-Carlo scorer's rollouts. */
export function benchRow(label: string, s: StrategySummary): DemoReport['bench'][number] {
  const q = Math.max(1, s.total);
  return {
    label,
    name: s.name,
    accuracy: s.accuracy,
    ci95: s.ci95,
    correct: s.correct,
    total: s.total,
    policyCallsPerQuestion: (s.policyCalls + s.scorer.policyCalls) / q,
    searchPolicyCallsPerQuestion: s.policyCalls / q,
    mcRolloutCallsPerQuestion: s.scorer.policyCalls / q,
    prmScoredStepsPerQuestion: s.prmScoredSteps / q,
    wallMs: s.wallMs,
  };
}

/**
 * The demo's one table: the trained PRM's held-out metrics, then the search rows (accuracy,
 * policy calls per question with the Monte-Carlo rollouts counted as policy calls), then the
 * policy-call ratio of PRM-BAS with the mc scorer over PRM-BAS with the trained PRM.
 */
export function formatDemoTable(report: Pick<DemoReport, 'prm' | 'bench' | 'policyCallRatio' | 'policy' | 'sizes' | 'seeds'>): string {
  const header = ['', 'value', '95% CI', 'policy calls/q', 'of which MC rollouts/q', 'PRM-scored steps/q'];
  const section = (title: string) => [title, '', '', '', '', ''];
  const rows: string[][] = [
    section(`trained PRM on ${report.sizes.heldOutQuestions} held-out questions (suite seed ${report.seeds.heldOut}; ${report.prm.steps} steps, ${report.prm.pairs} sibling pairs)`),
    ['  step AUROC (v > 0)', metric(report.prm.auroc), '', '', '', ''],
    ['  sibling pair accuracy', metric(report.prm.pairAccuracy), '', '', '', ''],
    ['  ECE (soft values)', metric(report.prm.ece), '', '', '', ''],
    section(`search accuracy on ${report.sizes.benchQuestions} synth questions (seed ${report.seeds.bench})`),
    ...report.bench.map((b) => [
      `  ${b.label}`,
      pct(b.accuracy),
      `${pct(b.ci95[0])}–${pct(b.ci95[1])}`,
      per(b.policyCallsPerQuestion),
      per(b.mcRolloutCallsPerQuestion),
      per(b.prmScoredStepsPerQuestion),
    ]),
    [
      '  policy calls, PRM-BAS mc / trained PRM',
      report.policyCallRatio === null ? '-' : `${report.policyCallRatio.toFixed(1)}x`,
      '',
      '',
      '',
      '',
    ],
  ];
  const sectionRow = (r: string[]) => r.slice(1).every((c) => c === '');
  const widths = header.map((h, i) => Math.max(h.length, ...rows.filter((r) => !sectionRow(r) || i > 0).map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ').trimEnd();
  return [
    `prmbas demo: the policy is SIMULATED (${report.policy}: it reads the synth image's hidden answer and errs on purpose; it stands in for a multimodal LLM). The PRM is real: trained here, it reads only the question, image pixels and steps.`,
    '',
    line(header),
    widths.map((w) => '─'.repeat(w)).join('  '),
    ...rows.map((r) => (sectionRow(r) ? (r[0] as string) : line(r))),
  ].join('\n');
}

/** The table as Markdown, for demo-results/summary.md. */
function markdownTable(report: DemoReport): string {
  const lines = [
    '# prmbas demo',
    '',
    `The policy is **simulated** (\`${report.policy}\`); the PRM is the multimodal tfjs PRM trained in this run (backend ${report.backend}).`,
    `Training: ${report.sizes.trainQuestions} questions (suite seed ${report.seeds.train}) + ${report.sizes.fresh} fresh per pass, ${report.sizes.steps} steps. Total ${report.totalSeconds.toFixed(0)} s.`,
    '',
    '| | value | 95% CI | policy calls/q | of which MC rollouts/q | PRM-scored steps/q |',
    '|---|---|---|---|---|---|',
    `| step AUROC, held-out (${report.sizes.heldOutQuestions} questions, seed ${report.seeds.heldOut}) | ${metric(report.prm.auroc)} | | | | |`,
    `| sibling pair accuracy | ${metric(report.prm.pairAccuracy)} | | | | |`,
    `| ECE | ${metric(report.prm.ece)} | | | | |`,
    ...report.bench.map((b) => `| ${b.label} | ${pct(b.accuracy)} | ${pct(b.ci95[0])}–${pct(b.ci95[1])} | ${per(b.policyCallsPerQuestion)} | ${per(b.mcRolloutCallsPerQuestion)} | ${per(b.prmScoredStepsPerQuestion)} |`),
    `| policy calls, PRM-BAS mc / trained PRM | ${report.policyCallRatio === null ? '-' : `${report.policyCallRatio.toFixed(1)}x`} | | | | |`,
    '',
  ];
  return lines.join('\n');
}

export async function demoCommand(flags: DemoFlags, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<DemoReport> {
  const o = resolveDemoFlags(flags);
  const say = (line: string) => {
    if (!o.quiet) log(line);
  };
  const started = performance.now();
  const stageSeconds: Record<string, number> = {};
  const stage = async <T>(name: string, title: string, fn: () => Promise<T>): Promise<T> => {
    say(`\n[${Object.keys(stageSeconds).length + 1}/5] ${title}`);
    const t = performance.now();
    const result = await fn();
    stageSeconds[name] = (performance.now() - t) / 1000;
    say(`    ${name}: ${stageSeconds[name].toFixed(1)} s`);
    return result;
  };
  const { out: _out, quiet: _quiet, ...settings } = o;
  const folder = await prepareDemoFolder(o.out, JSON.stringify(settings));
  const dataDir = path.join(o.out, 'data');
  const trainFile = path.join(dataDir, 'train.jsonl');
  const heldOutFile = path.join(dataDir, 'heldout', 'heldout.jsonl');
  const modelDir = path.join(o.out, 'model');
  const indent = (line: string) => say(`    ${line.trim()}`);
  say(`prmbas demo → ${o.out} (policy ${DEMO_DEFAULTS.policy}: SIMULATED)${folder === 'resumed' ? ': resuming the interrupted run there' : ''}`);

  const build = { policy: DEMO_DEFAULTS.policy, solutions: DEMO_DEFAULTS.solutions, rollouts: DEMO_DEFAULTS.rollouts, siblings: DEMO_DEFAULTS.siblings, quiet: true };
  await stage('training data', `build-dataset: ${o.questions} training questions (suite seed ${DEMO_DEFAULTS.trainSeed}), S=${build.solutions} M=${build.rollouts} K=${build.siblings}`, () =>
    buildDatasetCommand({ ...build, questions: o.questions, seed: DEMO_DEFAULTS.trainSeed, out: trainFile }, indent),
  );
  await stage('held-out data', `build-dataset: ${o.heldOutQuestions} held-out questions (suite seed ${DEMO_DEFAULTS.heldOutSeed})`, () =>
    buildDatasetCommand({ ...build, questions: o.heldOutQuestions, seed: DEMO_DEFAULTS.heldOutSeed, out: heldOutFile }, indent),
  );
  const stepWindows: number[] = [];
  const trained = await stage('training', `train: ${o.steps} steps, batch 64${o.fresh ? `, + ${o.fresh} fresh synth questions per pass` : ''}`, () =>
    trainCommand(
      { data: trainFile, out: modelDir, steps: o.steps, fresh: o.fresh, heldOut: 0, evalEvery: 0, checkpointEvery: 500, backend: o.backend, quiet: o.quiet },
      (line) => {
        const rate = / ([\d.]+) ex\/s$/.exec(line);
        if (rate) stepWindows.push(Number(rate[1]));
        // Progress every 250 steps is enough here (train prints every 50).
        const step = /^step (\d+)\/(\d+)/.exec(line);
        if (!step || Number(step[1]) % 250 === 0 || step[1] === step[2]) indent(line);
      },
    ),
  );
  const evaluation = await stage('evaluation', `eval-prm on the held-out questions`, () =>
    evalPrmCommand({ model: modelDir, data: heldOutFile, json: path.join(o.out, 'eval.json'), backend: o.backend, quiet: o.quiet }, indent),
  );

  const rows = await stage('benchmark', `bench: ${o.benchSize} synth questions (seed ${DEMO_DEFAULTS.benchSeed}), greedy, PRM-BAS with the mc scorer and with the trained PRM, best-of-N with it`, async () => {
    const suite = await loadSuite({ suite: 'synth', size: o.benchSize, seed: DEMO_DEFAULTS.benchSeed });
    const policy = createPolicy({ policy: DEMO_DEFAULTS.policy });
    const overrides = [PRESETS['default']?.overrides ?? {}];
    const run = async (prm: Prm | undefined, labels: string[]) => {
      const strategies = resolveStrategies(labels, overrides);
      const t = performance.now();
      const out = await runBenchmark({ questions: suite.questions, strategies, policy, ...(prm ? { prm } : {}), seed: DEMO_DEFAULTS.benchSeed, concurrency: PRESETS['default']?.concurrency ?? 4 });
      indent(`${labels.join(', ')} with ${prm?.name ?? 'no PRM'}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
      return out;
    };
    const mcPrm = createPrm({ prm: DEMO_DEFAULTS.mcPrm, policy, questions: suite.questions });
    const [greedy, basMc] = await run(mcPrm, ['greedy', 'prm-bas']);
    const [basTfjs, basTuned, bonTfjs] = await run(createTfjsPrm(modelDir, { backend: o.backend }), ['prm-bas', LEARNED_PRM_BAS, 'best-of-n']);
    const n = (PRESETS['default']?.overrides['best-of-n']?.['n'] as number | undefined) ?? 8;
    return [
      benchRow('greedy', greedy as StrategySummary),
      benchRow(`PRM-BAS, mc scorer (${DEMO_DEFAULTS.mcPrm})`, basMc as StrategySummary),
      benchRow('PRM-BAS, trained PRM', basTfjs as StrategySummary),
      benchRow('PRM-BAS, trained PRM, T 0.4 + vote', basTuned as StrategySummary),
      benchRow(`best-of-${n}, trained PRM`, bonTfjs as StrategySummary),
    ];
  });

  const mc = rows[1] as DemoReport['bench'][number];
  const learned = rows[2] as DemoReport['bench'][number];
  const report: DemoReport = {
    tool: 'prmbas demo',
    createdAt: new Date().toISOString(),
    gitCommit: gitCommit(),
    policy: DEMO_DEFAULTS.policy,
    simulatedPolicy: true,
    sizes: { trainQuestions: o.questions, heldOutQuestions: o.heldOutQuestions, steps: o.steps, fresh: o.fresh, benchQuestions: o.benchSize },
    seeds: { train: DEMO_DEFAULTS.trainSeed, heldOut: DEMO_DEFAULTS.heldOutSeed, bench: DEMO_DEFAULTS.benchSeed },
    backend: evaluation.backend,
    prm: {
      auroc: evaluation.auroc,
      pairAccuracy: evaluation.pairAccuracy,
      ece: evaluation.ece,
      valueLoss: evaluation.valueLoss,
      rankLoss: evaluation.rankLoss,
      steps: evaluation.steps,
      pairs: evaluation.pairs,
      byKind: evaluation.byKind,
      scoredStepsPerSecond: evaluation.scoredStepsPerSecond,
    },
    training: { trainExamples: trained.trainExamples, seconds: stageSeconds['training'] ?? 0, examplesPerSecond: stepWindows.length ? stepWindows.reduce((a, b) => a + b, 0) / stepWindows.length : null },
    bench: rows,
    policyCallRatio: learned.policyCallsPerQuestion > 0 ? mc.policyCallsPerQuestion / learned.policyCallsPerQuestion : null,
    stageSeconds,
    totalSeconds: (performance.now() - started) / 1000,
  };
  trained.model.dispose();
  await writeFile(path.join(o.out, 'demo.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(o.out, 'summary.md'), markdownTable(report));
  say(`\nwrote ${path.join(o.out, 'demo.json')}, summary.md, eval.json, model/ and data/ (total ${report.totalSeconds.toFixed(0)} s)\n`);
  process.stdout.write(`${formatDemoTable(report)}\n`);
  return report;
}

import { formatBenchTable, runBenchmark, type StrategySummary } from '@prmbas/bench';
import { readFile } from 'node:fs/promises';
import { PRESETS, type BenchPreset } from '../presets';
import { createProgress } from '../progress';
import { gitCommit } from '../provenance';
import { createPolicy, createPrm } from '../specs/components';
import { UsageError } from '../specs/spec-string';
import { parseSetFlags, resolveStrategies, type StrategyOverrides } from '../strategy-configs';
import { loadSuite } from '../suite-source';
import { writeJsonReport } from '../json-report';

export interface BenchFlags {
  preset: string;
  suite?: string;
  size?: number;
  seed?: number;
  difficulty?: string;
  families?: string;
  limit?: number;
  policy?: string;
  policyModel?: string;
  prm?: string;
  strategies?: string;
  config?: string;
  set: string[];
  concurrency?: number;
  json?: string;
  quiet?: boolean;
}

/** `prmbas bench`: every strategy on the same questions, policy, PRM and seeds; a table and a JSON record. */
export async function benchCommand(flags: BenchFlags, argv: readonly string[]): Promise<{ rows: StrategySummary[]; report: object }> {
  const preset: BenchPreset | undefined = PRESETS[flags.preset];
  if (!preset) throw new UsageError(`--preset: unknown preset "${flags.preset}" (known: ${Object.keys(PRESETS).join(', ')})`);
  const seed = flags.seed ?? preset.seed;
  const suite = await loadSuite({
    suite: flags.suite ?? preset.suite,
    size: flags.size ?? preset.size,
    seed,
    difficulty: flags.difficulty ?? preset.difficulty,
    families: flags.families,
    limit: flags.limit,
  });
  if (suite.questions.length === 0) throw new UsageError('--suite: the suite has no questions');
  const labels = (flags.strategies ?? preset.strategies.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const fileLayer: StrategyOverrides = flags.config ? await readConfigFile(flags.config) : {};
  const strategies = resolveStrategies(labels, [preset.overrides, fileLayer, parseSetFlags(flags.set)]);
  const policySpec = flags.policy ?? preset.policy;
  const prmSpec = flags.prm ?? preset.prm;
  const policy = createPolicy({ policy: policySpec, policyModel: flags.policyModel });
  const prm = createPrm({ prm: prmSpec, policy, questions: suite.questions });
  const needsPrm = strategies.filter((s) => ['best-of-n', 'beam', 'dvts', 'prm-bas'].includes(s.config.strategy));
  if (!prm && needsPrm.length > 0) {
    throw new UsageError(`--prm: ${needsPrm.map((s) => s.name).join(', ')} need a PRM (e.g. --prm mc:rollouts=8)`);
  }

  const progress = createProgress();
  const log = (line: string) => {
    if (!flags.quiet) process.stderr.write(`${line}\n`);
  };
  log(`suite ${suite.source}: ${suite.questions.length} questions (digest ${suite.digest.slice(0, 12)}), policy ${policySpec}, PRM ${prmSpec}`);
  const rows = await runBenchmark({
    questions: suite.questions,
    strategies,
    policy,
    prm,
    seed,
    concurrency: flags.concurrency ?? preset.concurrency,
    onProgress: (p) => {
      if (flags.quiet) return;
      progress.update(`[${p.strategyIndex + 1}/${p.strategies}] ${p.strategy}`, p.done, p.total, `acc ${((100 * p.correct) / p.done).toFixed(1)}%`);
      if (p.done === p.total) progress.done();
    },
  });

  const report = {
    tool: 'prmbas bench',
    createdAt: new Date().toISOString(),
    gitCommit: gitCommit(),
    command: ['prmbas', ...argv],
    preset: flags.preset,
    seed,
    suite: { kind: suite.kind, source: suite.source, size: suite.questions.length, digest: suite.digest, options: suite.options },
    policy: { spec: policySpec, model: flags.policyModel ?? null, name: policy.name },
    prm: { spec: prmSpec, name: prm?.name ?? null },
    config: Object.fromEntries(strategies.map((s) => [s.name, s.config])),
    strategies: rows,
  };
  process.stdout.write(`${formatBenchTable(rows)}\n`);
  if (flags.json) {
    await writeJsonReport(flags.json, report);
    log(`wrote ${flags.json}`);
  }
  return { rows, report };
}

async function readConfigFile(file: string): Promise<StrategyOverrides> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--config: cannot read ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--config: ${file} is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`--config: ${file} must hold an object keyed by strategy label, e.g. {"prm-bas": {"k": 4}}`);
  }
  for (const [label, value] of Object.entries(parsed)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new UsageError(`--config: ${file}: "${label}" must be an object of config fields`);
    }
  }
  return parsed as StrategyOverrides;
}

/**
 * `prmbas eval-prm`: score every step (and sibling) of a dataset file with a trained PRM and write
 * the metrics: step AUROC against v > 0, sibling pair accuracy, value and rank loss, ECE, and the
 * same per kind of step (image reading: bar reads and shape counts; arithmetic; comparisons;
 * final answers; other).
 */
import { evaluateExamples, initBackend, loadMultimodalPrm, readSolutionDataset, recordExamples, type PrmEvaluation } from '@prmbas/prm';
import { datasetDigest } from '@prmbas/rollouts';
import { backendFlag } from './train';
import { writeJsonReport } from '../json-report';

export interface EvalPrmFlags {
  model: string;
  data: string;
  json?: string;
  backend?: string;
  quiet?: boolean;
}

export interface EvalPrmReport {
  auroc: number | null;
  pairAccuracy: number | null;
  valueLoss: number | null;
  rankLoss: number | null;
  ece: number | null;
  steps: number;
  pairs: number;
  byKind: PrmEvaluation['byKind'];
  model: string;
  data: string;
  dataDigest: string;
  backend: string;
  scoredStepsPerSecond: number;
  createdAt: string;
}

export async function evalPrmCommand(flags: EvalPrmFlags, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<EvalPrmReport> {
  const say = (line: string) => {
    if (!flags.quiet) log(line);
  };
  const backend = await initBackend({ prefer: backendFlag(flags.backend), logger: { info: () => undefined } });
  const { model, featurizer } = await loadMultimodalPrm(flags.model);
  try {
    const dataset = await readSolutionDataset(flags.data);
    const examples = dataset.records.flatMap((r) => recordExamples(r, featurizer, featurizer.image(dataset.images.get(r.id) ?? null)));
    const started = performance.now();
    const e = await evaluateExamples(model, examples);
    const seconds = (performance.now() - started) / 1000;
    const report: EvalPrmReport = {
      auroc: e.auroc,
      pairAccuracy: e.pairAccuracy,
      valueLoss: e.valueLoss,
      rankLoss: e.rankLoss,
      ece: e.ece,
      steps: e.steps,
      pairs: e.pairs,
      byKind: e.byKind,
      model: flags.model,
      data: flags.data,
      dataDigest: datasetDigest(dataset.records),
      backend: backend.backend,
      scoredStepsPerSecond: seconds > 0 ? e.steps / seconds : 0,
      createdAt: new Date().toISOString(),
    };
    const f = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(4));
    say(`${e.steps} steps, ${e.pairs} sibling pairs: auroc ${f(e.auroc)} pairAcc ${f(e.pairAccuracy)} valueLoss ${f(e.valueLoss)} rankLoss ${f(e.rankLoss)} ece ${f(e.ece)} (${report.scoredStepsPerSecond.toFixed(0)} steps/s on ${backend.backend})`);
    for (const [kind, m] of Object.entries(e.byKind)) say(`  ${kind.padEnd(10)} ${String(m?.examples ?? 0).padStart(6)} steps  auroc ${f(m?.auroc)} pairAcc ${f(m?.pairAccuracy)}`);
    if (flags.json) {
      await writeJsonReport(flags.json, report);
      say(`wrote ${flags.json}`);
    }
    return report;
  } finally {
    model.dispose();
  }
}

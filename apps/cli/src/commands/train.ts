/**
 * `prmbas train`: train the multimodal PRM on a dataset file (our JSONL, from `prmbas
 * build-dataset`), with progress and metrics lines, checkpoints in OUT/checkpoints (a rerun with
 * the same flags continues from the newest one) and the model in OUT (model.json + weights.bin,
 * usable as `--prm tfjs:OUT`).
 */
import path from 'node:path';
import { initBackend, readSolutionDataset, trainMultimodalPrm, type BackendPreference, type MultimodalTrainResult } from '@prmbas/prm';
import type { TrainerConfigInput } from '@prmbas/prm';
import { UsageError } from '../specs/spec-string';

export interface TrainFlags {
  data: string;
  out: string;
  lambdaRank?: number | string;
  epochs?: number | string;
  batch?: number | string;
  steps?: number | string;
  seed?: number | string;
  lr?: number | string;
  backend?: string;
  /** Share of questions held out for evaluation. */
  heldOut?: number | string;
  /** Fresh synth questions added to every pass (synth datasets only). */
  fresh?: number | string;
  freshSeed?: number | string;
  evalEvery?: number | string;
  checkpointEvery?: number | string;
  quiet?: boolean;
}

const BACKENDS = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

function num(flag: string, value: number | string | undefined, o: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (String(value).trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag}: "${value}" is not a number`);
  if (o.integer && !Number.isInteger(n)) throw new UsageError(`${flag}: must be an integer, got ${value}`);
  if (o.min !== undefined && n < o.min) throw new UsageError(`${flag}: must be >= ${o.min}, got ${value}`);
  if (o.max !== undefined && n > o.max) throw new UsageError(`${flag}: must be <= ${o.max}, got ${value}`);
  return n;
}

export function backendFlag(value: string | undefined): BackendPreference {
  const b = value ?? 'auto';
  if (!BACKENDS.includes(b)) throw new UsageError(`--backend: "${b}" is not one of ${BACKENDS.join(', ')}`);
  return b as BackendPreference;
}

export async function trainCommand(flags: TrainFlags, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<MultimodalTrainResult> {
  const say = (line: string) => {
    if (!flags.quiet) log(line);
  };
  const steps = num('--steps', flags.steps, { integer: true, min: 1 });
  const epochs = num('--epochs', flags.epochs, { min: 0.001 });
  if (steps !== undefined && epochs !== undefined) throw new UsageError('--steps and --epochs: give one of them');
  const trainer: TrainerConfigInput = {};
  const batch = num('--batch', flags.batch, { integer: true, min: 1 });
  const seed = num('--seed', flags.seed, { integer: true });
  const lambda = num('--lambda-rank', flags.lambdaRank, { min: 0 });
  const lr = num('--lr', flags.lr, { min: 1e-7 });
  const evalEvery = num('--eval-every', flags.evalEvery, { integer: true, min: 0 });
  const checkpointEvery = num('--checkpoint-every', flags.checkpointEvery, { integer: true, min: 0 });
  if (steps !== undefined) trainer.steps = steps;
  if (batch !== undefined) trainer.batchSize = batch;
  if (seed !== undefined) trainer.seed = seed;
  if (lambda !== undefined) trainer.loss = { lambdaRank: lambda };
  if (lr !== undefined) trainer.lr = { peak: lr };
  if (evalEvery !== undefined) trainer.evalEvery = evalEvery;
  if (checkpointEvery !== undefined) trainer.checkpointEvery = checkpointEvery;
  const heldOutShare = num('--held-out', flags.heldOut, { min: 0, max: 0.9 });
  const freshQuestions = num('--fresh', flags.fresh, { integer: true, min: 0 }) ?? 0;
  const freshSeed = num('--fresh-seed', flags.freshSeed, { integer: true }) ?? 1_000_003;

  const backend = await initBackend({ prefer: backendFlag(flags.backend), logger: { info: () => undefined } });
  say(`backend ${backend.backend}${backend.skipped.length ? ` (skipped: ${backend.skipped.map((s) => s.backend).join(', ')})` : ''}`);
  const dataset = await readSolutionDataset(flags.data);
  say(`data ${path.relative(process.cwd(), flags.data) || flags.data}: ${dataset.records.length} solutions, ${new Set(dataset.records.map((r) => r.questionId)).size} questions${freshQuestions ? `, + ${freshQuestions} fresh synth questions per pass` : ''}`);
  const controller = new AbortController();
  const onSignal = () => {
    say('stopping: writing a checkpoint (rerun the same command to continue)');
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const out = await trainMultimodalPrm({
      records: dataset.records,
      images: dataset.images,
      ...(heldOutShare !== undefined ? { heldOutShare } : {}),
      fresh: freshQuestions > 0 ? { questions: freshQuestions, seed: freshSeed } : null,
      trainer,
      ...(epochs !== undefined ? { epochs } : {}),
      outDir: flags.out,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.step % 50 === 0 || p.step === p.totalSteps) {
          say(`step ${p.step}/${p.totalSteps} epoch ${p.epoch} loss ${p.loss.toFixed(4)} value ${p.valueLoss.toFixed(4)} rank ${p.rankLoss.toFixed(4)} lr ${p.lr.toExponential(2)} ${p.msPerStep.toFixed(0)} ms/step ${p.examplesPerSecond.toFixed(0)} ex/s`);
        }
      },
      onMetrics: (m) => {
        const f = (x: number | null) => (x === null ? '-' : x.toFixed(4));
        say(`eval step ${m.step}: auroc ${f(m.auroc)} pairAcc ${f(m.pairAccuracy)} valueLoss ${f(m.valueLoss)} rankLoss ${f(m.rankLoss)} ece ${f(m.ece)} (${m.examples} steps, ${m.pairs} pairs)`);
      },
    });
    if (out.result.resumedFrom !== null) say(`resumed from step ${out.result.resumedFrom}`);
    if (out.result.status === 'aborted') {
      say(`stopped at step ${out.result.step}; checkpoint in ${path.join(flags.out, 'checkpoints')}`);
    } else {
      const e = out.evaluation;
      if (e) {
        const f = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(4));
        say(`held-out: auroc ${f(e.auroc)} pairAcc ${f(e.pairAccuracy)} ece ${f(e.ece)} | ${Object.entries(e.byKind).map(([k, v]) => `${k} ${f(v?.auroc)}`).join(' ')}`);
      }
      say(`model written to ${flags.out} (use --prm tfjs:${flags.out})`);
    }
    return out;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

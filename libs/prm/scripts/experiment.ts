/**
 * One experiment: train the multimodal PRM on fresh sim data every pass, evaluate on held-out
 * questions (another suite seed), print the breakdown, append a JSON line to results.jsonl.
 *
 *   EXP='{"name":"baseline","steps":2000}' node -e "require('tsx/cjs'); require('./libs/prm/scripts/experiment.ts')"
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { MmFeaturizer } from '../src/multimodal/featurizer';
import { Vocabulary } from '../src/multimodal/tokenizer';
import { MultimodalPrm } from '../src/multimodal/model';
import type { MmModelConfig } from '../src/multimodal/model-config';
import { simSolutionRecords } from '../src/multimodal/sim-records';
import { recordExamples } from '../src/multimodal/records';
import { stepKind } from '../src/multimodal/evaluate';
import { Trainer } from '../src/train/trainer';
import { freshExamples } from '../src/train/examples';
import { predictLogits } from '../src/train/predict';
import { exportArtifact } from '../src/io/artifact';
import { writeArtifactDir } from '../src/io/artifact-dir';
import { breakdown, fmt, labeledExamples, textBaselines, type LabeledExample } from './exp-lib';

interface ExpConfig {
  name: string;
  trainSeed: number;
  evalSeed: number;
  questionsPerPass: number;
  evalQuestions: number;
  steps: number;
  batchSize: number;
  lambdaRank: number;
  lr: number;
  warmup: number;
  evalEvery: number;
  siblings: number;
  model: Partial<MmModelConfig>;
  out?: string;
  baselines: boolean;
  /** Synth families to train and evaluate on (default both). */
  families?: Array<'bars' | 'shapes'>;
  /** Diagnostics: train and evaluate on these candidate kinds only. */
  kinds?: string[];
}

const cfg: ExpConfig = {
  name: 'exp',
  trainSeed: 101,
  evalSeed: 9001,
  questionsPerPass: 400,
  evalQuestions: 300,
  steps: 2000,
  batchSize: 64,
  lambdaRank: 1,
  lr: 1e-3,
  warmup: 100,
  evalEvery: 250,
  siblings: 3,
  model: {},
  baselines: false,
  ...(JSON.parse(process.env.EXP ?? '{}') as Partial<ExpConfig>),
};

(async () => {
  await initBackend({ prefer: 'wasm', logger: { info: () => undefined } });
  const t0 = performance.now();
  const vocabSample = await simSolutionRecords({ questions: 300, seed: cfg.trainSeed, first: 1_000_000 });
  const vocab = Vocabulary.build(vocabSample.records.flatMap((r) => [r.question, ...r.steps.flatMap((s) => [s.text, ...(s.siblings ?? []).map((x) => x.text)])]));
  const featurizer = new MmFeaturizer(vocab, { imageSize: cfg.model.imageSize ?? 128 });
  const evalAll = await labeledExamples({ questions: cfg.evalQuestions, seed: cfg.evalSeed, siblings: cfg.siblings, ...(cfg.families ? { families: cfg.families } : {}) }, featurizer);
  const evalSet = cfg.kinds ? evalAll.filter((e) => cfg.kinds?.includes(e.kind)) : evalAll;
  console.log(`[${cfg.name}] vocab ${vocab.size}, eval examples ${evalSet.length} (${evalSet.filter((e) => e.value > 0).length} with v>0), setup ${((performance.now() - t0) / 1000).toFixed(1)}s`);
  if (cfg.baselines) {
    const train = await labeledExamples({ questions: 1000, seed: cfg.trainSeed, first: 2_000_000, siblings: cfg.siblings }, featurizer);
    const b = textBaselines(train, evalSet);
    const logit = (p: number) => Math.log(p + 1e-6) - Math.log(1 - p + 1e-6);
    console.log(`[baseline prior]       ${fmt(breakdown(b.prior.map(logit), evalSet))}`);
    console.log(`[baseline prior+arith] ${fmt(breakdown(b.priorArith.map(logit), evalSet))}`);
  }
  const model = new MultimodalPrm({ ...cfg.model, vocabSize: vocab.size });
  const initImages = [...vocabSample.images.values()].map((bytes) => featurizer.image(bytes) as NonNullable<ReturnType<typeof featurizer.image>>);
  model.initColorPrototypes(initImages.map((i) => i.palette));
  model.initKindPrototypes(initImages.map((i) => i.objects));
  const params = model.weights.reduce((n, w) => n + w.variable.size, 0);
  let genMs = 0;
  const source = freshExamples(async (epoch) => {
    const g = performance.now();
    const sim = await simSolutionRecords({ questions: cfg.questionsPerPass, seed: cfg.trainSeed, first: epoch * cfg.questionsPerPass, siblings: cfg.siblings, ...(cfg.families ? { families: cfg.families } : {}) });
    let ex = sim.records.flatMap((r) => recordExamples(r, featurizer, featurizer.image(sim.images.get(r.questionId) ?? null)));
    if (cfg.kinds) ex = ex.filter((e) => cfg.kinds?.includes(stepKind(e.origin.text)));
    genMs += performance.now() - g;
    return ex;
  });
  const history: Array<Record<string, unknown>> = [];
  const evaluate = (step: number, extra: Record<string, unknown>) => {
    const e0 = performance.now();
    const logits = predictLogits(model, evalSet.map((e) => e.features), 512);
    const inferMs = performance.now() - e0;
    const b = breakdown(logits, evalSet);
    const probe = evalSet.filter((e) => e.kind === 'reading' && e.prefixClean && e.error === null).slice(0, 600);
    if (probe.length) {
      const pred = model.predictClaims(probe.map((e) => e.features));
      for (const fam of ['bars', 'shapes']) {
        const idx = probe.flatMap((e, i) => (e.family === fam ? [i] : []));
        const claimed = idx.map((i) => Number(/(-?\d+)\.?$/.exec((probe[i] as LabeledExample).origin.text)?.[1]));
        const err = idx.map((i, j) => Math.abs((pred[i] as number) - (claimed[j] as number)));
        console.log(`  claim probe ${fam}: n ${idx.length} |err|<0.5 ${(err.filter((x) => x < 0.5).length / Math.max(1, err.length)).toFixed(3)} mean|err| ${(err.reduce((a, x) => a + x, 0) / Math.max(1, err.length)).toFixed(2)} e.g. ${idx.slice(0, 6).map((i, j) => `${claimed[j]}->${(pred[i] as number).toFixed(1)}`).join(' ')}`);
      }
    }
    console.log(`[${cfg.name}] step ${step} ${fmt(b)} | infer ${(evalSet.length / (inferMs / 1000)).toFixed(0)} steps/s, ${((performance.now() - t0) / 1000).toFixed(0)}s`);
    history.push({ step, ...b, inferStepsPerSec: evalSet.length / (inferMs / 1000), ...extra });
    return b;
  };
  let lossWindow = { s: 0, n: 0 };
  let trainMs = 0;
  let trainExamples = 0;
  const trainer = new Trainer({
    model,
    source,
    config: { steps: cfg.steps, batchSize: cfg.batchSize, evalEvery: 0, progressEvery: 10, checkpointEvery: 0, loss: { lambdaRank: cfg.lambdaRank }, lr: { peak: cfg.lr, warmupSteps: cfg.warmup }, seed: cfg.trainSeed },
    onProgress: (p) => {
      lossWindow = { s: lossWindow.s + p.loss, n: lossWindow.n + 1 };
      trainMs += p.msPerStep * 10;
      trainExamples += (p.examplesPerSecond * p.msPerStep * 10) / 1000;
      if (p.step % cfg.evalEvery === 0 || p.step === cfg.steps) {
        console.log(`[${cfg.name}] step ${p.step} epoch ${p.epoch} loss ${(lossWindow.s / lossWindow.n).toFixed(4)} (v ${p.valueLoss.toFixed(3)} r ${p.rankLoss.toFixed(3)}) ${p.msPerStep.toFixed(0)} ms/step, train ${(trainExamples / (trainMs / 1000)).toFixed(0)} ex/s, gen ${(genMs / 1000).toFixed(0)}s, tensors ${tf.memory().numTensors}`);
        evaluate(p.step, { trainLoss: lossWindow.s / lossWindow.n });
        lossWindow = { s: 0, n: 0 };
      }
    },
  });
  await trainer.run({ resume: false });
  const final = history[history.length - 1] ?? {};
  const result = { name: cfg.name, config: cfg, params, wallSec: (performance.now() - t0) / 1000, trainExamplesPerSec: trainExamples / (trainMs / 1000), final, history, at: new Date().toISOString() };
  fs.appendFileSync(path.join(__dirname, 'results.jsonl'), JSON.stringify(result) + '\n');
  if (cfg.out) {
    const artifact = await exportArtifact(model, { tokenizer: vocab.toJSON() as never, trainingConfig: cfg as never, extra: { featurizer: featurizer.config as never } });
    await writeArtifactDir(cfg.out, artifact);
    console.log(`saved ${cfg.out}`);
  }
  console.log(`[${cfg.name}] done in ${result.wallSec.toFixed(0)}s, params ${params}`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
export type { LabeledExample };

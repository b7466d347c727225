import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { simSolutionRecords } from '../src/multimodal/sim-records';
import { MmFeaturizer } from '../src/multimodal/featurizer';
import { Vocabulary } from '../src/multimodal/tokenizer';
import { recordExamples } from '../src/multimodal/records';
import { MultimodalPrm } from '../src/multimodal/model';
import { Trainer } from '../src/train/trainer';
import { fixedExamples } from '../src/train/examples';

(async () => {
  await initBackend({ prefer: 'wasm', logger: { info: () => undefined } });
  let t = performance.now();
  const sim = await simSolutionRecords({ questions: 200, seed: 11 });
  console.log('gen ms', performance.now() - t, 'records', sim.records.length, 'steps', sim.records.reduce((n, r) => n + r.steps.length, 0));
  const texts = sim.records.flatMap((r) => [r.question, ...r.steps.flatMap((s) => [s.text, ...(s.siblings ?? []).map((x) => x.text)])]);
  const vocab = Vocabulary.build(texts);
  console.log('vocab', vocab.size);
  const fz = new MmFeaturizer(vocab);
  t = performance.now();
  const ex = sim.records.flatMap((r) => recordExamples(r, fz, fz.image(sim.images.get(r.questionId) ?? null)));
  console.log('featurize ms', performance.now() - t, 'examples', ex.length, 'pos', ex.filter((e) => e.value > 0).length);
  console.log(sim.records[0]!.steps.map((s) => [s.text, s.value, (s.siblings ?? []).map((x) => [x.text, x.value])]));
  console.log(JSON.stringify(sim.records[0]!.meta.errors));
  const model = new MultimodalPrm({ vocabSize: vocab.size });
  console.log('params', model.weights.reduce((n, w) => n + w.variable.size, 0));
  const trainer = new Trainer({
    model,
    source: fixedExamples(ex),
    evalExamples: ex.slice(0, 200),
    config: { steps: 30, batchSize: 64, evalEvery: 0, progressEvery: 5, lr: { warmupSteps: 5 } },
    onProgress: (p) => console.log(`step ${p.step} loss ${p.loss.toFixed(4)} v ${p.valueLoss.toFixed(4)} r ${p.rankLoss.toFixed(4)} ms ${p.msPerStep.toFixed(0)} ex/s ${p.examplesPerSecond.toFixed(0)} tensors ${tf.memory().numTensors}`),
    onMetrics: (m) => console.log('eval', JSON.stringify(m)),
  });
  await trainer.run({ resume: false });
})();

/** Probe: train only the claim loss on correct reading steps; does the image read-out learn? */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { MmFeaturizer } from '../src/multimodal/featurizer';
import { Vocabulary } from '../src/multimodal/tokenizer';
import { MultimodalPrm } from '../src/multimodal/model';
import { Adam } from '../src/train/adam';
import { labeledExamples, type LabeledExample } from './exp-lib';
import { simSolutionRecords } from '../src/multimodal/sim-records';

const P = JSON.parse(process.env.PROBE ?? '{}') as { family?: string; steps?: number; lr?: number; model?: Record<string, unknown> };
(async () => {
  await initBackend({ prefer: 'wasm', logger: { info: () => undefined } });
  const sample = await simSolutionRecords({ questions: 300, seed: 101, first: 1_000_000 });
  const vocab = Vocabulary.build(sample.records.flatMap((r) => [r.question, ...r.steps.flatMap((s) => [s.text, ...(s.siblings ?? []).map((x) => x.text)])]));
  const fz = new MmFeaturizer(vocab);
  const keep = (e: LabeledExample) => e.kind === 'reading' && e.error === null && e.prefixClean && (!P.family || e.family === P.family);
  const train = (await labeledExamples({ questions: 1500, seed: 101 }, fz)).filter(keep);
  const test = (await labeledExamples({ questions: 300, seed: 9001 }, fz)).filter(keep);
  console.log('train', train.length, 'test', test.length);
  const model = new MultimodalPrm({ vocabSize: vocab.size, ...(P.model ?? {}) });
  model.initColorPrototypes([...sample.images.values()].map((b) => fz.image(b)!.palette));
  model.initKindPrototypes([...sample.images.values()].map((b) => fz.image(b)!.objects));
  const adam = new Adam(model.weights);
  const vars = model.weights.map((w) => w.variable);
  const claimed = (e: LabeledExample) => Number(/(-?\d+)\.?$/.exec(e.origin.text)?.[1]);
  const report = (step: number) => {
    const pred = model.predictClaims(test.map((e) => e.features));
    const err = test.map((e, i) => Math.abs(pred[i]! - claimed(e)));
    const ex = (fam: string) => { const idx = test.flatMap((e, i) => (e.family === fam ? [i] : [])); return idx.length ? (idx.filter((i) => err[i]! < 0.5).length / idx.length).toFixed(3) : '-'; };
    console.log(`step ${step} exact ${(err.filter((x) => x < 0.5).length / err.length).toFixed(3)} (bars ${ex('bars')} shapes ${ex('shapes')}) mean|err| ${(err.reduce((a, b) => a + b, 0) / err.length).toFixed(2)} e.g. ${test.slice(0, 8).map((e, i) => `${claimed(e)}->${pred[i]!.toFixed(1)}`).join(' ')}`);
  };
  const B = 64;
  for (let step = 0; step < (P.steps ?? 1500); step++) {
    const batch = Array.from({ length: B }, (_, k) => train[(step * B + k) % train.length]!);
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        model.forward(batch.map((e) => e.features), { training: true, seed: step });
        return model.auxiliaryLoss(batch.map(() => 1)) as tf.Scalar;
      }, vars);
      adam.apply(vars.map((v) => grads[v.name] ?? tf.zerosLike(v)), P.lr ?? 3e-3);
    });
    if ((step + 1) % 250 === 0) report(step + 1);
  }
})();

import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { simSolutionRecords } from '../src/multimodal/sim-records';
import { MmFeaturizer } from '../src/multimodal/featurizer';
import { Vocabulary } from '../src/multimodal/tokenizer';
import { recordExamples } from '../src/multimodal/records';
import { MultimodalPrm } from '../src/multimodal/model';
import { packBatch } from '../src/multimodal/batch';
import { epochBatches } from '../src/train/batching';
import { Rng } from '@prmbas/search';

(async () => {
  await initBackend({ prefer: (process.env.BACKEND as 'wasm') ?? 'wasm', logger: { info: () => undefined } });
  const sim = await simSolutionRecords({ questions: 60, seed: 11 });
  const vocab = Vocabulary.build(sim.records.flatMap((r) => [r.question, ...r.steps.flatMap((s) => [s.text, ...(s.siblings ?? []).map((x) => x.text)])]));
  const fz = new MmFeaturizer(vocab);
  const ex = sim.records.flatMap((r) => recordExamples(r, fz, fz.image(sim.images.get(r.questionId) ?? null)));
  const batches = epochBatches(ex, 64, new Rng(1));
  const b0 = packBatch(batches[0]!.map((e) => e.features), fz.config, 64);
  console.log('images', b0.imageCount, 'units', b0.unitCount, 'questions', b0.questionCount);
  for (const shapeChannels of [4, 0]) {
    const useImage = shapeChannels;
    const model = new MultimodalPrm({ vocabSize: vocab.size, shapeChannels });
    const vars = model.weights.map((w) => w.variable);
    const time = (label: string, fn: () => void) => {
      fn();
      const t = performance.now();
      for (let i = 0; i < 5; i++) fn();
      console.log(useImage, label, ((performance.now() - t) / 5).toFixed(1), 'ms');
    };
    const feats = batches[0]!.map((e) => e.features);
    time('pack', () => packBatch(feats, fz.config));
    time('forward', () => tf.tidy(() => model.forward(feats, { training: true, seed: 1 }).dataSync()));
    time('fwd+grad', () => tf.tidy(() => { const g = tf.variableGrads(() => tf.sum(model.forward(feats, { training: true, seed: 1 })) as tf.Scalar, vars); Object.values(g.grads)[0]!.dataSync(); }));
    model.dispose();
  }
})();

/** Probe: can the step head learn the compare check (sign of a - b vs greater/less)? */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { MmFeaturizer } from '../src/multimodal/featurizer';
import { Vocabulary } from '../src/multimodal/tokenizer';
import { MultimodalPrm } from '../src/multimodal/model';
import { Adam } from '../src/train/adam';
import { auroc } from '../src/metrics/auroc';
import { predictLogits } from '../src/train/predict';
import { labeledExamples } from './exp-lib';

(async () => {
  await initBackend({ prefer: 'wasm', logger: { info: () => undefined } });
  const fz0 = new MmFeaturizer(Vocabulary.build(['x']));
  const raw = (await labeledExamples({ questions: 1500, seed: 101 }, fz0)).filter((e) => e.kind === 'compare' && e.prefixClean);
  const vocab = Vocabulary.build(raw.flatMap((e) => [e.origin.text]));
  const fz = new MmFeaturizer(vocab);
  const ex = raw.map((e) => ({ f: fz.featurizeParts('q', null, [], e.origin.text), y: e.error === null ? 1 : 0 }));
  console.log('examples', ex.length, 'errors', ex.filter((e) => e.y === 0).length);
  const model = new MultimodalPrm({ vocabSize: vocab.size, useImage: false, shapeChannels: 0, aggregation: 'candidate', stepLossWeight: 0, claimLossWeight: 0 });
  const adam = new Adam(model.weights);
  const vars = model.weights.map((w) => w.variable);
  for (let step = 0; step < 600; step++) {
    const batch = Array.from({ length: 64 }, (_, k) => ex[(step * 64 + k) % ex.length]!);
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        const z = model.forward(batch.map((e) => e.f), { training: true, seed: step });
        const t = tf.tensor1d(batch.map((e) => e.y));
        return tf.mean(tf.sub(tf.softplus(z), tf.mul(t, z))) as tf.Scalar;
      }, vars);
      adam.apply(vars.map((v) => grads[v.name] ?? tf.zerosLike(v)), 2e-3);
    });
    if ((step + 1) % 200 === 0) {
      const z = predictLogits(model, ex.map((e) => e.f));
      console.log(step + 1, 'train auroc', auroc(z, ex.map((e) => e.y === 1)));
    }
  }
})();

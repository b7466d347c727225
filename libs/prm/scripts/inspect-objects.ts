/** Inspect a trained model's region kinds on a few shape scenes (debugging the object pathway; ground truth read only here, for the printout). */
import * as tf from '@tensorflow/tfjs';
import { generateQuestion, readSynthPayload } from '@prmbas/tasks';
import { initBackend } from '../src/backend';
import { loadMultimodalPrm } from '../src/multimodal/load';
import { packBatch } from '../src/multimodal/batch';

(async () => {
  await initBackend({ prefer: 'wasm', logger: { info: () => undefined } });
  const { model, featurizer } = await loadMultimodalPrm(process.env.MODEL as string);
  let shown = 0;
  for (let i = 0; shown < 2 && i < 50; i++) {
    const q = generateQuestion(9001, i, { families: ['shapes'] });
    const f = featurizer.featurizeParts(q.text, q.images[0]!.data, [], 'Count the red circles: there are 1.');
    const b = packBatch([f], model.settings);
    const O = b.objectSlots;
    const kinds = tf.tidy(() => model.regionKinds(tf.tensor2d(b.objectDescriptors, [O, 9])).arraySync() as number[][]);
    const truth = (readSynthPayload(q.images[0]!.data)!.scene as any).objects.map((o: any) => `${o.color} ${o.shape}`);
    console.log(`image ${i}: ${f.image!.objects.count} regions; truth ${truth.length}: ${truth.join(', ')}`);
    for (let o = 0; o < f.image!.objects.count; o++) {
      const c = Array.from(f.image!.objects.colors.slice(3 * o, 3 * o + 3)).map((v) => Math.round(v * 255)).join(',');
      const d = Array.from(f.image!.objects.descriptors.slice(9 * o, 9 * o + 9)).map((v) => v.toFixed(2)).join(' ');
      console.log(`  rgb ${c.padEnd(12)} desc ${d} kinds ${kinds[o]!.map((v) => v.toFixed(2)).join(' ')}`);
    }
    shown++;
  }
})();

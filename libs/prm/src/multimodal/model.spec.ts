import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrmItem } from '@prmbas/search';
import { decodePng, toProblem, readSynthPayload } from '@prmbas/tasks';
import { decodeArtifact, encodeArtifact, exportArtifact } from '../io/artifact';
import { fixedExamples } from '../train/examples';
import { predictLogits } from '../train/predict';
import { Trainer } from '../train/trainer';
import { useWasm } from '../testing/tf-testing';
import { ModelPrm } from '../model-prm';
import { multimodalPrmFromArtifact } from './load';
import { MultimodalPrm, signedCombinations } from './model';
import { recordExamples } from './records';
import { tinySimData, TINY_MODEL } from './testing';

describe('MultimodalPrm', () => {
  let data: Awaited<ReturnType<typeof tinySimData>>;
  beforeAll(async () => {
    await useWasm();
    data = await tinySimData(6, 3);
  });

  const examples = () => data.records.flatMap((r) => recordExamples(r, data.featurizer, data.featurizer.image(data.images.get(r.questionId) ?? null)));

  it('enumerates the signed {-1, 0, 1} combinations once each', () => {
    const c = signedCombinations(3);
    // 3^3 = 27 vectors, minus 7 with fewer than two non-zeros, halved for sign: 10.
    expect(c.length / 3).toBe(10);
  });

  it('gives one finite logit per example and the same logits on a repeat', () => {
    const model = new MultimodalPrm({ ...TINY_MODEL, vocabSize: data.vocab.size });
    const feats = examples().slice(0, 20).map((e) => e.features);
    const a = predictLogits(model, feats);
    const b = predictLogits(model, feats);
    expect(a).toHaveLength(20);
    expect(a.every(Number.isFinite)).toBe(true);
    expect(Array.from(a)).toEqual(Array.from(b));
    model.dispose();
  });

  it('trains on a tiny set (loss goes down) without leaking tensors', async () => {
    const model = new MultimodalPrm({ ...TINY_MODEL, vocabSize: data.vocab.size });
    const ex = examples();
    const losses: number[] = [];
    const counts: number[] = [];
    const trainer = new Trainer({
      model,
      source: fixedExamples(ex),
      config: { steps: 24, batchSize: 32, progressEvery: 1, evalEvery: 0, lr: { peak: 3e-3, warmupSteps: 1 } },
      onProgress: (p) => {
        losses.push(p.valueLoss);
        counts.push(tf.memory().numTensors);
      },
    });
    await trainer.run({ resume: false });
    const head = losses.slice(0, 4).reduce((a, b) => a + b, 0) / 4;
    const tail = losses.slice(-4).reduce((a, b) => a + b, 0) / 4;
    expect(tail).toBeLessThan(head);
    // Tensors after step 2 (Adam moments exist) never grow.
    expect(counts[counts.length - 1]).toBe(counts[2]);
    trainer.dispose();
    model.dispose();
  });

  it('gives identical predictions after save -> load', async () => {
    const model = new MultimodalPrm({ ...TINY_MODEL, vocabSize: data.vocab.size, seed: 7 });
    const feats = examples().slice(0, 12).map((e) => e.features);
    const before = predictLogits(model, feats);
    const bytes = encodeArtifact(await exportArtifact(model, { tokenizer: data.vocab.toJSON() as never }));
    const loaded = multimodalPrmFromArtifact(decodeArtifact(bytes));
    const again = data.records.flatMap((r) => recordExamples(r, loaded.featurizer, loaded.featurizer.image(data.images.get(r.questionId) ?? null))).slice(0, 12);
    expect(Array.from(predictLogits(loaded.model, again.map((e) => e.features)))).toEqual(Array.from(before));
    model.dispose();
    loaded.model.dispose();
  });

  it('never reads the synth chunk: the same pixels without it score the same', async () => {
    const model = new MultimodalPrm({ ...TINY_MODEL, vocabSize: data.vocab.size });
    const prm = new ModelPrm(model, data.featurizer.featurize);
    const q = data.questions[0]!;
    const record = data.records[0]!;
    const original = q.images[0]!.data;
    expect(readSynthPayload(original)).not.toBeNull();
    // Re-encode the decoded pixels: same image, no tEXt chunk.
    const stripped = decodePng(original).toPng();
    expect(readSynthPayload(stripped)).toBeNull();
    const items = (png: Uint8Array): PrmItem[] => {
      const problem = { ...toProblem(q), images: [{ mime: 'image/png', data: png }] };
      return record.steps.map((s, t) => ({ problem, steps: record.steps.slice(0, t).map((x) => x.text), candidate: s.text, terminal: s.terminal }));
    };
    const a = await prm.score(items(original));
    const b = await prm.score(items(stripped));
    expect(b.scores).toEqual(a.scores);
    model.dispose();
  });
});

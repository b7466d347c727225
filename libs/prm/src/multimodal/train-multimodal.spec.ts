import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useWasm } from '../testing/tf-testing';
import { loadMultimodalPrm } from './load';
import { recordExamples } from './records';
import { tinySimData, TINY_MODEL } from './testing';
import { trainMultimodalPrm } from './train-multimodal';
import { predictLogits } from '../train/predict';

describe('trainMultimodalPrm', () => {
  let dir: string;
  beforeAll(async () => {
    await useWasm();
    dir = await mkdtemp(path.join(tmpdir(), 'prm-mm-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('trains from records, writes the model, and a rerun resumes from the checkpoint', async () => {
    const data = await tinySimData(8, 5);
    const images = new Map(data.records.map((r) => [r.id, data.images.get(r.questionId) ?? null]));
    const options = {
      records: data.records,
      images,
      heldOutShare: 0.25,
      model: { ...TINY_MODEL },
      trainer: { steps: 6, batchSize: 16, evalEvery: 3, checkpointEvery: 3, progressEvery: 1 },
      outDir: dir,
    };
    const first = await trainMultimodalPrm(options);
    expect(first.result.status).toBe('completed');
    expect(first.result.resumedFrom).toBeNull();
    expect(first.evaluation?.steps).toBe(first.heldOutExamples);
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['model.json', 'weights.bin', 'vocab.json', 'metrics.json', 'checkpoints']));
    const loaded = await loadMultimodalPrm(dir);
    const ex = data.records.flatMap((r) => recordExamples(r, loaded.featurizer, loaded.featurizer.image(images.get(r.id) ?? null))).slice(0, 10);
    const trained = data.records.flatMap((r) => recordExamples(r, first.featurizer, first.featurizer.image(images.get(r.id) ?? null))).slice(0, 10);
    expect(Array.from(predictLogits(loaded.model, ex.map((e) => e.features)))).toEqual(Array.from(predictLogits(first.model, trained.map((e) => e.features))));
    const second = await trainMultimodalPrm(options);
    expect(second.result.resumedFrom).toBe(6);
    for (const m of [first.model, second.model, loaded.model]) m.dispose();
  });
});

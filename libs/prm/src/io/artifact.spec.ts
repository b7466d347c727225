import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Rng } from '@prmbas/search';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MlpPrm, type MlpPrmConfig } from '../models/mlp-prm';
import { syntheticExamples } from '../testing/synthetic-examples';
import { useWasm } from '../testing/tf-testing';
import { predictValues } from '../train/predict';
import { decodeArtifact, encodeArtifact, exportArtifact, loadArtifactWeights, toModelArtifacts, type PrmArtifact } from './artifact';
import { readArtifactDir, writeArtifactDir } from './artifact-dir';

const features = syntheticExamples(new Rng(3), { states: 10, siblings: 2 }).map((e) => e.features);
const metadata = {
  tokenizer: { vocabulary: ['<pad>', 'red', 'bar', '7'] },
  inputSizes: { features: [8] },
  trainingConfig: { steps: 100, lr: { peak: 0.001 } },
  dataDigest: 'sha256:abc',
  metrics: { auroc: 0.84, ece: null },
};

describe('model artifacts', () => {
  let original: MlpPrm;
  let expected: Float32Array;
  let dir: string;

  beforeAll(async () => {
    await useWasm();
    original = new MlpPrm({ inputSize: 8, hidden: [12, 6], seed: 11 });
    expected = predictValues(original, features);
    dir = await mkdtemp(path.join(tmpdir(), 'prm-artifact-'));
  });
  afterAll(async () => {
    original.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** Rebuild from the stored config (with another init seed, so only loaded weights can match). */
  function rebuild(artifact: PrmArtifact): Float32Array {
    const config = artifact.metadata.modelConfig as unknown as MlpPrmConfig;
    const copy = new MlpPrm({ ...config, seed: config.seed + 1 });
    const before = predictValues(copy, features);
    expect(Array.from(before)).not.toEqual(Array.from(expected));
    loadArtifactWeights(copy, artifact);
    const after = predictValues(copy, features);
    copy.dispose();
    return after;
  }

  it('round-trips through bytes with identical predictions and metadata', async () => {
    const bytes = encodeArtifact(await exportArtifact(original, metadata));
    const loaded = decodeArtifact(bytes);
    expect(loaded.metadata).toMatchObject({ ...metadata, modelName: 'mlp-prm', modelConfig: { inputSize: 8, hidden: [12, 6], seed: 11 } });
    expect(Array.from(rebuild(loaded))).toEqual(Array.from(expected));
  });

  it('round-trips through a model.json + weights.bin directory', async () => {
    await writeArtifactDir(path.join(dir, 'm1'), await exportArtifact(original, metadata));
    expect((await readdir(path.join(dir, 'm1'))).sort()).toEqual(['model.json', 'weights.bin']);
    const loaded = await readArtifactDir(path.join(dir, 'm1'));
    expect(loaded.metadata.tokenizer).toEqual(metadata.tokenizer);
    expect(Array.from(rebuild(loaded))).toEqual(Array.from(expected));
  });

  it('writes weights tfjs itself can decode', async () => {
    const a = toModelArtifacts(await exportArtifact(original));
    const decoded = tf.io.decodeWeights(a.weightData as ArrayBuffer, a.weightSpecs!);
    expect(Object.keys(decoded)).toEqual(original.weights.map((w) => w.name));
    expect(Array.from(decoded['dense1/kernel']!.dataSync())).toEqual(Array.from(original.weights[2]!.variable.dataSync()));
    tf.dispose(Object.values(decoded));
  });

  it('rejects corrupt bytes, other kinds of container, and mismatched models', async () => {
    const bytes = encodeArtifact(await exportArtifact(original));
    expect(() => decodeArtifact(bytes.slice(0, bytes.length - 4))).toThrow(/too short/);
    const bad = Uint8Array.from(bytes);
    bad[0] = 0;
    expect(() => decodeArtifact(bad)).toThrow(/magic/);
    const small = new MlpPrm({ inputSize: 8, hidden: [3] });
    expect(() => loadArtifactWeights(small, decodeArtifact(bytes))).toThrow(/shape|saved weights/);
    small.dispose();
  });
});

/**
 * A small MLP PRM over fixed-size feature vectors: the plug-in model of the trainer's tests and
 * a baseline for featurised data. logit = w_out . relu(... relu(W_1 x + b_1) ...) + b_out.
 */
import * as tf from '@tensorflow/tfjs';
import { hashSeed, Rng } from '@prmbas/search';
import { glorotUniform, namedVariable } from '../train/init';
import type { ForwardContext, NamedVariable, PrmModel } from '../train/prm-model';

export interface MlpPrmConfig {
  inputSize: number;
  /** Hidden layer widths. */
  hidden: number[];
  /** Dropout rate on hidden activations while training. */
  dropout: number;
  /** Initialisation seed. */
  seed: number;
}

export const DEFAULT_MLP_PRM_CONFIG: Omit<MlpPrmConfig, 'inputSize'> = {
  hidden: [32], // small: the test model only has to fit a toy target
  dropout: 0, // off by default; exercised in tests through ForwardContext.seed
  seed: 1,
};

export type FeatureVector = Float32Array | readonly number[];

export class MlpPrm implements PrmModel<FeatureVector> {
  readonly name = 'mlp-prm';
  readonly weights: NamedVariable[];
  readonly settings: MlpPrmConfig;

  constructor(config: Partial<MlpPrmConfig> & { inputSize: number }) {
    this.settings = { ...DEFAULT_MLP_PRM_CONFIG, ...config };
    const rng = new Rng(hashSeed(this.settings.seed, 'mlp-prm-init'));
    const sizes = [this.settings.inputSize, ...this.settings.hidden, 1];
    this.weights = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const fanIn = sizes[l] as number;
      const fanOut = sizes[l + 1] as number;
      this.weights.push(namedVariable(`dense${l}/kernel`, glorotUniform(rng, fanIn, fanOut), [fanIn, fanOut]));
      this.weights.push(namedVariable(`dense${l}/bias`, new Float32Array(fanOut), [fanOut]));
    }
  }

  forward(features: readonly FeatureVector[], context: ForwardContext): tf.Tensor1D {
    const n = this.settings.inputSize;
    const flat = new Float32Array(features.length * n);
    features.forEach((f, k) => {
      if (f.length !== n) throw new Error(`MlpPrm: example ${k} has ${f.length} features, expected ${n}`);
      flat.set(f, k * n);
    });
    return tf.tidy(() => {
      let h: tf.Tensor2D = tf.tensor2d(flat, [features.length, n]);
      const layers = this.weights.length / 2;
      for (let l = 0; l < layers; l++) {
        const kernel = (this.weights[2 * l] as NamedVariable).variable;
        const bias = (this.weights[2 * l + 1] as NamedVariable).variable;
        h = tf.add(tf.matMul(h, kernel), bias);
        if (l + 1 < layers) {
          h = tf.relu(h);
          if (context.training && this.settings.dropout > 0) h = tf.dropout(h, this.settings.dropout, undefined, hashSeed(context.seed, l)) as tf.Tensor2D;
        }
      }
      return tf.reshape(h, [features.length]);
    });
  }

  config(): Record<string, unknown> {
    return { ...this.settings, hidden: [...this.settings.hidden] };
  }

  dispose(): void {
    for (const w of this.weights) w.variable.dispose();
  }
}

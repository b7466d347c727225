/**
 * Adam (Kingma & Ba 2015) with optional decoupled weight decay (AdamW), written out instead of
 * `tf.train.adam` so that its whole state (moments, step) is ours to checkpoint by weight name:
 * tfjs's optimizer keys its moments by position and process-unique variable names, and rebuilds
 * beta^t with `pow` on restore, so a resumed run drifts from an uninterrupted one. Bias corrections
 * are computed on the host in float64 from the integer step, identical before and after a resume.
 */
import * as tf from '@tensorflow/tfjs';
import type { NamedVariable } from './prm-model';
import type { WeightArray } from '../io/weight-data';

export interface AdamConfig {
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Decoupled weight decay per unit learning rate (AdamW); 0 = plain Adam. */
  weightDecay: number;
}

export const DEFAULT_ADAM_CONFIG: AdamConfig = {
  beta1: 0.9, // Kingma & Ba 2015 defaults
  beta2: 0.999, // Kingma & Ba 2015
  epsilon: 1e-8, // Kingma & Ba 2015 (tfjs defaults to 1e-7)
  weightDecay: 0, // off: fresh data every pass (PRM-BAS.md) is the regulariser of choice
};

export interface AdamState {
  /** Updates applied so far. */
  step: number;
  m: WeightArray[];
  v: WeightArray[];
}

export class Adam {
  private t = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];

  constructor(
    private readonly weights: readonly NamedVariable[],
    readonly config: AdamConfig = DEFAULT_ADAM_CONFIG,
  ) {
    this.m = weights.map((w) => tf.variable(tf.zerosLike(w.variable), false));
    this.v = weights.map((w) => tf.variable(tf.zerosLike(w.variable), false));
  }

  get step(): number {
    return this.t;
  }

  /** One update with `grads[k]` the gradient of `weights[k]`, at learning rate `lr`. */
  apply(grads: readonly tf.Tensor[], lr: number): void {
    if (grads.length !== this.weights.length) throw new Error(`Adam: ${grads.length} gradients for ${this.weights.length} weights`);
    const { beta1, beta2, epsilon, weightDecay } = this.config;
    const t = this.t + 1;
    const c1 = 1 - beta1 ** t;
    const c2 = 1 - beta2 ** t;
    tf.tidy(() => {
      this.weights.forEach((w, k) => {
        const g = grads[k] as tf.Tensor;
        const m = this.m[k] as tf.Variable;
        const v = this.v[k] as tf.Variable;
        const mNew = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
        const vNew = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
        m.assign(mNew);
        v.assign(vNew);
        const update = tf.div(tf.div(mNew, c1), tf.add(tf.sqrt(tf.div(vNew, c2)), epsilon));
        let next = tf.sub(w.variable, tf.mul(update, lr));
        if (weightDecay > 0) next = tf.sub(next, tf.mul(w.variable, lr * weightDecay));
        w.variable.assign(next);
      });
    });
    this.t = t;
  }

  async getState(): Promise<AdamState> {
    const read = async (vars: tf.Variable[]) =>
      Promise.all(
        vars.map(async (variable, k) => ({
          name: (this.weights[k] as NamedVariable).name,
          shape: [...variable.shape],
          dtype: 'float32' as const,
          data: Float32Array.from((await variable.data()) as Float32Array),
        })),
      );
    return { step: this.t, m: await read(this.m), v: await read(this.v) };
  }

  /** Restore moments by weight name (order-independent); every weight must be present. */
  setState(state: AdamState): void {
    const assign = (vars: tf.Variable[], arrays: WeightArray[], which: string) => {
      const byName = new Map(arrays.map((a) => [a.name, a]));
      this.weights.forEach((w, k) => {
        const a = byName.get(w.name);
        if (!a) throw new Error(`Adam.setState: no ${which} for weight '${w.name}'`);
        const variable = vars[k] as tf.Variable;
        if (a.shape.join(',') !== variable.shape.join(',')) {
          throw new Error(`Adam.setState: ${which} of '${w.name}' has shape [${a.shape}], weight has [${variable.shape}]`);
        }
        tf.tidy(() => variable.assign(tf.tensor(a.data, a.shape, 'float32')));
      });
    };
    assign(this.m, state.m, 'first moment');
    assign(this.v, state.v, 'second moment');
    this.t = state.step;
  }

  dispose(): void {
    for (const x of [...this.m, ...this.v]) x.dispose();
  }
}

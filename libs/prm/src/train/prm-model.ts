/**
 * What the trainer, checkpoints and artifacts need from a PRM model. The multimodal PRM (and the
 * tiny MLP used in tests) implement it; the trainer never looks inside.
 */
import type * as tf from '@tensorflow/tfjs';

/**
 * A trainable weight under a stable name. Checkpoints and artifacts are keyed by these names, not
 * by tfjs variable names, which must be unique in the whole process (two instances of one model,
 * e.g. a resumed run beside the original, could not share them).
 */
export interface NamedVariable {
  name: string;
  variable: tf.Variable;
}

export interface ForwardContext {
  /** True while training (dropout and the like are active). */
  training: boolean;
  /** Seed for this call's randomness (e.g. `tf.dropout(x, rate, undefined, seed)`), derived from the run seed and step so runs replay exactly. */
  seed: number;
}

export interface PrmModel<F> {
  readonly name: string;
  /** Every trainable weight, in a fixed order. */
  readonly weights: readonly NamedVariable[];
  /**
   * One logit per example (the PRM's v = sigmoid(logit)), shape [features.length]. Called inside
   * a `tf.tidy`/gradient scope: create input tensors here, freely.
   */
  forward(features: readonly F[], context: ForwardContext): tf.Tensor1D;
  /**
   * Optional auxiliary loss of the last `forward` (training only), added to the total loss inside
   * the same gradient scope; `values` are the batch's MC values. null = nothing to add.
   */
  auxiliaryLoss?(values: readonly number[]): tf.Scalar | null;
  /** The JSON needed to rebuild this model (stored in artifacts). */
  config(): Record<string, unknown>;
  dispose(): void;
}

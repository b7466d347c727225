/**
 * One optimizer step: forward, total loss, gradients, global-norm clipping, Adam update. Every
 * tensor it creates is released before it returns; the only sync is reading four numbers.
 */
import * as tf from '@tensorflow/tfjs';
import { buildRankPairs } from '../losses/rank-pairs';
import { totalLoss, type LossConfig } from '../losses/total-loss';
import type { Adam } from './adam';
import { clipByGlobalNorm } from './clip';
import type { PrmExample } from './examples';
import type { PrmModel } from './prm-model';

export interface StepStats {
  loss: number;
  valueLoss: number;
  rankLoss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** Rank pairs in the batch. */
  pairs: number;
}

export interface StepSettings {
  loss: LossConfig;
  rankEps: number;
  clipNorm: number | null;
  lr: number;
  /** Seed of this step's randomness (dropout). */
  seed: number;
}

export function trainStep<F>(model: PrmModel<F>, adam: Adam, batch: readonly PrmExample<F>[], s: StepSettings): StepStats {
  const pairs = buildRankPairs(
    batch.map((e) => e.group),
    batch.map((e) => e.value),
    s.rankEps,
  );
  const variables = model.weights.map((w) => w.variable);
  const stats = tf.tidy(() => {
    const targets = tf.tensor1d(batch.map((e) => e.value), 'float32');
    let parts: tf.Scalar[] = [];
    const { value: total, grads } = tf.variableGrads(() => {
      const logits = model.forward(
        batch.map((e) => e.features),
        { training: true, seed: s.seed },
      );
      if (logits.shape.length !== 1 || logits.shape[0] !== batch.length) {
        throw new Error(`${model.name}.forward returned shape [${logits.shape}] for ${batch.length} examples`);
      }
      const terms = totalLoss(logits, targets, pairs, s.loss);
      // variableGrads tidies its function: keep the two terms we report.
      parts = [tf.keep(terms.value), tf.keep(terms.rank)];
      const aux = model.auxiliaryLoss?.(batch.map((e) => e.value)) ?? null;
      return aux ? (tf.add(terms.total, aux) as tf.Scalar) : terms.total;
    }, variables);
    const ordered = variables.map((v) => grads[v.name] ?? tf.zerosLike(v));
    const clipped = clipByGlobalNorm(ordered, s.clipNorm);
    adam.apply(clipped.grads, s.lr);
    const packed = tf.stack([total, ...parts, clipped.norm]);
    tf.dispose(parts);
    return packed;
  });
  const [loss, valueLoss, rankLoss, gradNorm] = Array.from(stats.dataSync());
  stats.dispose();
  return { loss: loss as number, valueLoss: valueLoss as number, rankLoss: rankLoss as number, gradNorm: gradNorm as number, pairs: pairs.better.length };
}

/** Learning-rate schedule: linear warmup, then cosine or linear decay to a floor, or constant. */

export type LrDecay = 'cosine' | 'linear' | 'constant';

export interface LrScheduleConfig {
  /** Peak learning rate, reached at the end of warmup. */
  peak: number;
  /** Steps of linear warmup from peak / warmupSteps up to peak. */
  warmupSteps: number;
  decay: LrDecay;
  /** Final learning rate as a fraction of the peak (cosine/linear). */
  minRatio: number;
}

export const DEFAULT_LR_SCHEDULE: LrScheduleConfig = {
  peak: 1e-3, // Adam's usual step size (Kingma & Ba 2015); the prototype in PRM-BAS.md trained at this scale
  warmupSteps: 100, // a few hundred updates of warmup is common for Adam on fresh heads
  decay: 'cosine', // Loshchilov & Hutter 2017 (SGDR), without restarts
  minRatio: 0.1, // decay to 10% of the peak rather than 0 so late fresh data still teaches
};

/** Learning rate of the update with 0-based index `step` out of `totalSteps`. */
export function learningRateAt(step: number, totalSteps: number, config: LrScheduleConfig): number {
  const { peak, warmupSteps, decay, minRatio } = config;
  if (step < warmupSteps) return (peak * (step + 1)) / warmupSteps;
  if (decay === 'constant') return peak;
  const span = Math.max(1, totalSteps - warmupSteps);
  const progress = Math.min(1, (step - warmupSteps) / span);
  const floor = peak * minRatio;
  if (decay === 'linear') return peak - (peak - floor) * progress;
  return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
}

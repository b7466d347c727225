/**
 * Beam-width schedules. PRM-BAS anneals the width because the PRM has little context early and is
 * least reliable there: keep many beams first, narrow once the scores mean something.
 */
import type { ScheduleConfig } from './search-config';

/** A schedule as the beam loop sees it; `constant` is fixed-width beam search (b_t = b_0). */
export type WidthSchedule = { kind: 'constant'; b0: number } | ScheduleConfig;

/** What the adaptive schedule may look at when choosing b_t. */
export interface WidthContext {
  /** The width the schedule chose for the previous depth, b_{t-1}. */
  previous: number;
  /** Scores of the live candidates b_t is chosen among, sorted best first. */
  liveScores: readonly number[];
}

/** b_t = max(b_min, b_0 - delta * t) */
export function linearWidth(b0: number, bMin: number, delta: number, t: number): number {
  return Math.max(bMin, b0 - delta * t);
}

/** b_t = max(b_min, floor(b_0 * gamma^t)) */
export function exponentialWidth(b0: number, bMin: number, gamma: number, t: number): number {
  // The epsilon keeps e.g. 8 * 0.5^1 = 4 from flooring to 3 through rounding error.
  return Math.max(bMin, Math.floor(b0 * gamma ** t + 1e-9));
}

/**
 * How sure the PRM is about its ranking of the live candidates.
 * spread: best minus the `width`-th best (how far apart the beams we would keep are; at least
 * the top 2); margin: best minus second best (how clearly one beam leads). 0 with fewer than 2.
 */
export function confidence(liveScores: readonly number[], width: number, measure: 'spread' | 'margin'): number {
  if (liveScores.length < 2) return 0;
  const last = measure === 'margin' ? 1 : Math.max(1, Math.min(width, liveScores.length) - 1);
  return (liveScores[0] as number) - (liveScores[last] as number);
}

/** Adaptive (beyond the paper): b_t = b_{t-1} - delta when confidence > threshold, else b_{t-1}; never below b_min. */
export function adaptiveWidth(
  previous: number,
  liveScores: readonly number[],
  options: { bMin: number; delta: number; threshold: number; measure: 'spread' | 'margin' },
): number {
  const sure = confidence(liveScores, previous, options.measure) > options.threshold;
  return Math.max(options.bMin, sure ? previous - options.delta : previous);
}

/** b_t for depth t >= 1 (b_0 for t = 0). */
export function scheduleWidth(schedule: WidthSchedule, t: number, context: WidthContext): number {
  if (t === 0) return schedule.b0;
  switch (schedule.kind) {
    case 'constant':
      return schedule.b0;
    case 'linear':
      return linearWidth(schedule.b0, schedule.bMin, schedule.delta, t);
    case 'exponential':
      return exponentialWidth(schedule.b0, schedule.bMin, schedule.gamma, t);
    case 'adaptive':
      return adaptiveWidth(context.previous, context.liveScores, schedule);
  }
}

import { describe, expect, it } from 'vitest';
import { learningRateAt, type LrScheduleConfig } from './lr-schedule';

const base: LrScheduleConfig = { peak: 1, warmupSteps: 4, decay: 'cosine', minRatio: 0.1 };

describe('learningRateAt', () => {
  it('warms up linearly to the peak', () => {
    expect([0, 1, 2, 3].map((s) => learningRateAt(s, 24, base))).toEqual([0.25, 0.5, 0.75, 1]);
  });

  it('decays by a half cosine to the floor', () => {
    // after warmup: progress = (step - 4) / 20; lr = 0.1 + 0.9 * (1 + cos(pi p)) / 2
    expect(learningRateAt(4, 24, base)).toBeCloseTo(1, 12);
    expect(learningRateAt(14, 24, base)).toBeCloseTo(0.55, 12); // p = 0.5
    expect(learningRateAt(24, 24, base)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(99, 24, base)).toBeCloseTo(0.1, 12); // clamped past the end
  });

  it('decays linearly or stays constant', () => {
    expect(learningRateAt(9, 24, { ...base, decay: 'linear' })).toBeCloseTo(1 - 0.9 * 0.25, 12);
    expect(learningRateAt(20, 24, { ...base, decay: 'constant' })).toBe(1);
    expect(learningRateAt(0, 10, { ...base, warmupSteps: 0, decay: 'linear' })).toBe(1);
  });
});

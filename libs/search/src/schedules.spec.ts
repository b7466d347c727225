import { describe, expect, it } from 'vitest';
import { adaptiveWidth, confidence, exponentialWidth, linearWidth, scheduleWidth } from './schedules';
import { parseSearchConfig, type PrmBasConfig } from './search-config';

const widths = (f: (t: number) => number, depths: number) => Array.from({ length: depths }, (_, t) => f(t));

describe('linear schedule: b_t = max(b_min, b_0 - delta t)', () => {
  it('8, delta 2, min 2 -> 8 6 4 2 2 2', () => {
    expect(widths((t) => linearWidth(8, 2, 2, t), 6)).toEqual([8, 6, 4, 2, 2, 2]);
  });
  it('delta 0 is plain beam search', () => {
    expect(widths((t) => linearWidth(5, 1, 0, t), 4)).toEqual([5, 5, 5, 5]);
  });
});

describe('exponential schedule: b_t = max(b_min, floor(b_0 gamma^t))', () => {
  it('8, gamma .5, min 1 -> 8 4 2 1 1', () => {
    expect(widths((t) => exponentialWidth(8, 1, 0.5, t), 5)).toEqual([8, 4, 2, 1, 1]);
  });
  it('10, gamma .7, min 3 -> 10 7 4 3 3 (floor 4.9 = 4, floor 3.43 = 3)', () => {
    expect(widths((t) => exponentialWidth(10, 3, 0.7, t), 5)).toEqual([10, 7, 4, 3, 3]);
  });
});

describe('adaptive schedule', () => {
  const live = [0.9, 0.8, 0.3, 0.2];
  it('measures spread over the top-b and margin over the top-2', () => {
    expect(confidence(live, 3, 'spread')).toBeCloseTo(0.6);
    expect(confidence(live, 2, 'spread')).toBeCloseTo(0.1);
    expect(confidence(live, 10, 'spread')).toBeCloseTo(0.7);
    expect(confidence(live, 3, 'margin')).toBeCloseTo(0.1);
    expect(confidence([0.9], 3, 'spread')).toBe(0);
  });
  it('shrinks by delta only when confident, never below b_min', () => {
    const opts = { bMin: 1, delta: 1, threshold: 0.3, measure: 'spread' as const };
    expect(adaptiveWidth(3, live, opts)).toBe(2); // spread .6 > .3
    expect(adaptiveWidth(3, live, { ...opts, measure: 'margin' })).toBe(3); // margin .1
    expect(adaptiveWidth(3, [0.5, 0.45, 0.4], opts)).toBe(3); // spread .1
    expect(adaptiveWidth(2, live, { ...opts, bMin: 2 })).toBe(2);
    expect(adaptiveWidth(5, live, { ...opts, delta: 3, bMin: 3 })).toBe(3);
    expect(adaptiveWidth(3, [0.75, 0.5], { ...opts, threshold: 0.25 })).toBe(3); // .25 is not over .25
  });
});

describe('scheduleWidth', () => {
  const schedule = (s: object): PrmBasConfig['schedule'] => (parseSearchConfig({ strategy: 'prm-bas', schedule: s }) as PrmBasConfig).schedule;
  const ctx = { previous: 4, liveScores: [0.9, 0.1] };
  it('is b_0 at depth 0 for every kind', () => {
    for (const kind of ['linear', 'exponential', 'adaptive'] as const) expect(scheduleWidth(schedule({ kind, b0: 6 }), 0, ctx)).toBe(6);
  });
  it('dispatches on the kind', () => {
    expect(scheduleWidth({ kind: 'constant', b0: 3 }, 5, ctx)).toBe(3);
    expect(scheduleWidth(schedule({ kind: 'linear', b0: 8, delta: 2, bMin: 2 }), 2, ctx)).toBe(4);
    expect(scheduleWidth(schedule({ kind: 'exponential', b0: 8, gamma: 0.5, bMin: 1 }), 2, ctx)).toBe(2);
    // adaptive uses the previous width: spread .8 > .2 -> 4 - 2
    expect(scheduleWidth(schedule({ kind: 'adaptive', b0: 8, delta: 2, bMin: 2, threshold: 0.2 }), 2, ctx)).toBe(2);
  });
});

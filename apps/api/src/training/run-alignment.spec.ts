import { describe, expect, it } from 'vitest';
import { alignRuns, type RunPoint } from './run-alignment';

const series = (runId: string, name: string, steps: number[], value = (s: number) => s / 100): RunPoint[] => steps.map((step) => ({ runId, name, step, value: value(step) }));

describe('alignRuns', () => {
  it('aligns runs by step, null where a run has no value, in the order the runs were asked', () => {
    const points = [...series('b', 'train/loss', [10, 20, 30]), ...series('a', 'train/loss', [10, 20]), ...series('a', 'eval/auroc', [20])];
    const [loss, auroc] = alignRuns(['a', 'b'], points, ['train/loss', 'eval/auroc'], 100);
    expect(loss).toEqual({
      name: 'train/loss',
      rows: [
        { step: 10, values: [0.1, 0.1] },
        { step: 20, values: [0.2, 0.2] },
        { step: 30, values: [null, 0.3] },
      ],
    });
    expect(auroc).toEqual({ name: 'eval/auroc', rows: [{ step: 20, values: [0.2, null] }] });
  });

  it('thins long series by buckets, keeping the last step and every run visible', () => {
    const odd = series('a', 'loss', Array.from({ length: 50 }, (_, i) => 2 * i + 1));
    const even = series('b', 'loss', Array.from({ length: 50 }, (_, i) => 2 * i + 2));
    const [loss] = alignRuns(['a', 'b'], [...odd, ...even], ['loss'], 10);
    expect(loss!.rows).toHaveLength(10);
    expect(loss!.rows.at(-1)!.step).toBe(100);
    expect(loss!.rows.every((r) => r.values.every((v) => v !== null))).toBe(true);
    expect(loss!.rows.map((r) => r.step)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  });

  it('gives a series no run has an empty table', () => {
    expect(alignRuns(['a', 'b'], [], ['nope'], 10)).toEqual([{ name: 'nope', rows: [] }]);
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { expandStrategies, withBudget } from './strategy-budgets';

describe('strategy budgets', () => {
  it('sets each strategy’s knob', () => {
    expect(withBudget({ strategy: 'best-of-n' }, 16)).toEqual({ strategy: 'best-of-n', n: 16 });
    expect(withBudget({ strategy: 'self-consistency', n: 2 }, 4)).toEqual({ strategy: 'self-consistency', n: 4 });
    expect(withBudget({ strategy: 'beam', k: 2 }, 8)).toEqual({ strategy: 'beam', k: 2, width: 8 });
    expect(withBudget({ strategy: 'dvts' }, 32)).toEqual({ strategy: 'dvts', n: 32 });
    // b0 below the default floor lowers the floor; an explicit floor is kept (and then validated).
    expect(withBudget({ strategy: 'prm-bas', schedule: { kind: 'exponential' } }, 1)).toEqual({ strategy: 'prm-bas', schedule: { kind: 'exponential', b0: 1, bMin: 1 } });
    expect(withBudget({ strategy: 'prm-bas', schedule: { bMin: 3 } }, 16)).toEqual({ strategy: 'prm-bas', schedule: { bMin: 3, b0: 16 } });
  });

  it('expands strategies × budgets in order, budgets ascending, each row labelled', () => {
    const { rows } = expandStrategies([
      { name: 'greedy', config: { strategy: 'greedy' } },
      { name: 'bas', config: { strategy: 'prm-bas' }, budgets: [8, 2] },
    ]);
    expect(rows.map((r) => [r.name, r.series, r.budget ?? null])).toEqual([
      ['greedy', 'greedy', null],
      ['bas@2', 'bas', 2],
      ['bas@8', 'bas', 8],
    ]);
    expect(rows[2]!.config).toMatchObject({ strategy: 'prm-bas', schedule: { b0: 8, bMin: 2 }, finishedTarget: 8 });
  });

  it('names the field of a bad config or budget', () => {
    const fieldOf = (strategies: Parameters<typeof expandStrategies>[0]) => {
      try {
        expandStrategies(strategies);
        return null;
      } catch (error) {
        return (error as AppError).param;
      }
    };
    expect(fieldOf([{ name: 'g', config: { strategy: 'greedy' }, budgets: [2] }])).toBe('strategies.0.budgets');
    expect(fieldOf([{ name: 'g', config: { strategy: 'greedy' } }, { name: 'b', config: { strategy: 'beam', k: 0 } }])).toBe('strategies.1.config.k');
    expect(fieldOf([{ name: 'd', config: { strategy: 'dvts', m: 4 }, budgets: [6] }])).toBe('strategies.0.config.n');
    expect(fieldOf([{ name: 'x', config: { strategy: 'nope' } }])).toBe('strategies.0.config');
  });
});

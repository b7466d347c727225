import { describe, expect, it } from 'vitest';
import { parseSearchConfig, SEARCH_DEFAULTS, SearchConfigError, SearchConfigSchema } from './search-config';

const message = (input: unknown): string => {
  try {
    parseSearchConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(SearchConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a SearchConfigError');
};

describe('parseSearchConfig', () => {
  it('fills every default (prm-bas)', () => {
    expect(parseSearchConfig({ strategy: 'prm-bas' })).toEqual({
      strategy: 'prm-bas',
      seed: 0,
      maxDepth: 8,
      concurrency: 8,
      temperature: 0.8,
      k: 4,
      schedule: { kind: 'linear', b0: 8, bMin: 2, delta: 2, gamma: 0.5, threshold: 0.2, measure: 'spread' },
      finishedTarget: 8,
      dedupe: true,
      aggregation: 'last',
      select: 'best',
    });
  });

  it('fills the defaults of the other strategies', () => {
    const common = { seed: 0, maxDepth: 8, concurrency: 8 };
    expect(parseSearchConfig({ strategy: 'greedy' })).toEqual({ strategy: 'greedy', ...common });
    expect(parseSearchConfig({ strategy: 'self-consistency' })).toEqual({ strategy: 'self-consistency', ...common, temperature: 0.8, n: 8 });
    expect(parseSearchConfig({ strategy: 'best-of-n' })).toEqual({
      strategy: 'best-of-n',
      ...common,
      temperature: 0.8,
      n: 8,
      aggregation: 'last',
      select: 'best',
    });
    expect(parseSearchConfig({ strategy: 'beam', width: 3 })).toEqual({
      strategy: 'beam',
      ...common,
      temperature: 0.8,
      width: 3,
      k: 4,
      finishedTarget: 3,
      dedupe: true,
      aggregation: 'last',
      select: 'best',
    });
    expect(parseSearchConfig({ strategy: 'dvts' })).toEqual({
      strategy: 'dvts',
      ...common,
      temperature: 0.8,
      n: 16,
      m: 4,
      aggregation: 'last',
      select: 'best',
    });
  });

  it('keeps given values, resolves finishedTarget from b0 and is idempotent', () => {
    const once = parseSearchConfig({ strategy: 'prm-bas', seed: 7, k: 3, schedule: { kind: 'exponential', b0: 6, gamma: 0.25 } });
    expect(once).toMatchObject({ seed: 7, k: 3, finishedTarget: 6, schedule: { kind: 'exponential', b0: 6, gamma: 0.25, bMin: 2 } });
    expect(parseSearchConfig(once)).toEqual(once);
    expect(SearchConfigSchema.parse(once)).toEqual(once);
  });

  it('names the offending field', () => {
    expect(message({ strategy: 'prm-bas', schedule: { b0: 0 } })).toBe('prm-bas.schedule.b0: must be an integer >= 1');
    expect(message({ strategy: 'prm-bas', schedule: { b0: 2.5 } })).toBe('prm-bas.schedule.b0: must be an integer >= 1');
    expect(message({ strategy: 'prm-bas', schedule: { b0: '4' } })).toBe('prm-bas.schedule.b0: must be an integer >= 1');
    expect(message({ strategy: 'prm-bas', schedule: { gamma: 0 } })).toBe('prm-bas.schedule.gamma: must be a number in (0, 1]');
    expect(message({ strategy: 'prm-bas', schedule: { kind: 'cosine' } })).toBe(
      "prm-bas.schedule.kind: must be one of 'linear', 'exponential', 'adaptive'",
    );
    expect(message({ strategy: 'best-of-n', aggregation: 'max' })).toBe("best-of-n.aggregation: must be one of 'last', 'min', 'prod', 'mean'");
    expect(message({ strategy: 'beam', temperature: -1 })).toBe('beam.temperature: must be a number >= 0');
    expect(message({ strategy: 'greedy', maxDepth: 0 })).toBe('greedy.maxDepth: must be an integer >= 1');
    expect(message({ strategy: 'dvts', concurrency: 0 })).toBe('dvts.concurrency: must be an integer >= 1');
  });

  it('rejects unknown keys by name (typos must not be silently ignored)', () => {
    expect(message({ strategy: 'prm-bas', schedule: { bmin: 1 } })).toBe('prm-bas.schedule.bmin: unknown key');
    expect(message({ strategy: 'greedy', temperature: 0.7 })).toBe('greedy.temperature: unknown key');
  });

  it('reports every issue', () => {
    expect(message({ strategy: 'self-consistency', n: 0, seed: 'x' })).toBe('self-consistency.seed: must be an integer; self-consistency.n: must be an integer >= 1');
  });

  it('checks the strategy and the shape first', () => {
    expect(message({ strategy: 'mcts' })).toBe("strategy: must be one of 'greedy', 'self-consistency', 'best-of-n', 'beam', 'dvts', 'prm-bas'");
    expect(message({})).toMatch(/^strategy: must be one of/);
    expect(message(null)).toBe('config: must be an object');
    expect(message([1])).toBe('config: must be an object');
  });

  it('checks fields against each other', () => {
    expect(message({ strategy: 'dvts', n: 10, m: 4 })).toBe('dvts.n: must be a multiple of m (4)');
    expect(message({ strategy: 'prm-bas', schedule: { b0: 4, bMin: 5 } })).toBe('prm-bas.schedule.bMin: must be <= schedule.b0 (4)');
  });

  it('exposes the defaults it documents', () => {
    expect(SEARCH_DEFAULTS.aggregation).toBe('last');
    expect(SEARCH_DEFAULTS.schedule).toBe('linear');
  });
});

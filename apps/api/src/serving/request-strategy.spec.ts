import { parseSearchConfig } from '@prmbas/search';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { OVERRIDE_BUDGET_CAP, requestStrategy } from './request-strategy';

const stored = parseSearchConfig({ strategy: 'prm-bas', schedule: { b0: 6 } });
const request = (extra: Record<string, unknown> = {}) => ({ model: 'd', messages: [{ role: 'user' as const, content: 'q' }], ...extra });

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('did not throw');
}

describe('requestStrategy', () => {
  it('applies OpenAI seed and temperature and nested overrides onto the stored config', () => {
    const { config, overrides } = requestStrategy(stored, request({ seed: 9, temperature: 0.3, prmbas: { strategy: { schedule: { kind: 'exponential' } } } }));
    expect(config).toMatchObject({ strategy: 'prm-bas', seed: 9, temperature: 0.3, schedule: { kind: 'exponential', b0: 6 } });
    expect(overrides).toEqual({ schedule: { kind: 'exponential' }, seed: 9, temperature: 0.3 });
  });

  it('switches strategy with that strategy’s defaults, ignoring temperature where it has none', () => {
    const { config } = requestStrategy(stored, request({ temperature: 1, prmbas: { strategy: { strategy: 'greedy' } } }));
    expect(config).toEqual(parseSearchConfig({ strategy: 'greedy' }));
  });

  it('names the bad field under prmbas.strategy and caps budgets', () => {
    const bad = errorOf(() => requestStrategy(stored, request({ prmbas: { strategy: { schedule: { b0: 0 } } } })));
    expect(bad).toBeInstanceOf(AppError);
    expect(bad.param).toBe('prmbas.strategy.schedule.b0');
    const big = errorOf(() => requestStrategy(stored, request({ prmbas: { strategy: { k: OVERRIDE_BUDGET_CAP + 1 } } })));
    expect(big.param).toBe('prmbas.strategy.k');
    expect(big.status).toBe(400);
  });
});

import type { Policy } from '@prmbas/search';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../shared/spec-error';
import { createMcPrmFromSpec, isMcPrmSpec, parseMcPrmSpec } from './mc-spec';

function fieldOf(spec: string): string {
  try {
    parseMcPrmSpec(spec);
    return 'none';
  } catch (e) {
    return e instanceof SpecError ? e.field : 'other';
  }
}

describe('parseMcPrmSpec', () => {
  it('reads the fields given and leaves the rest to defaults', () => {
    expect(parseMcPrmSpec('mc:rollouts=16,temperature=0.7,maxDepth=6')).toEqual({ rollouts: 16, temperature: 0.7, maxDepth: 6 });
    expect(parseMcPrmSpec('mc:rollouts=4')).toEqual({ rollouts: 4 });
    expect(parseMcPrmSpec('mc: temperature = 1 ')).toEqual({ temperature: 1 });
    expect(parseMcPrmSpec('mc')).toEqual({});
    expect(isMcPrmSpec('mcts:x')).toBe(false);
  });

  it('names the bad field', () => {
    expect(fieldOf('mc:rollouts=0')).toBe('rollouts');
    expect(fieldOf('mc:rollouts=2.5')).toBe('rollouts');
    expect(fieldOf('mc:rollouts=')).toBe('rollouts');
    expect(fieldOf('mc:temperature=hot')).toBe('temperature');
    expect(fieldOf('mc:temperature=-1')).toBe('temperature');
    expect(fieldOf('mc:maxDepth=x')).toBe('maxDepth');
    expect(fieldOf('mc:rollouts=4,rollouts=5')).toBe('rollouts');
    expect(fieldOf('mc:rollouts')).toBe('rollouts');
    expect(fieldOf('mc:depth=3')).toBe('depth');
    expect(fieldOf('prm:foo')).toBe('prm');
    expect(() => parseMcPrmSpec('mc:depth=3')).toThrow(/depth is not a field \(expected rollouts, temperature, maxDepth\)/);
  });

  it('builds a scorer whose spec fields override the options', () => {
    const policy: Policy = { name: 'p', propose: async () => [] };
    const prm = createMcPrmFromSpec('mc:rollouts=3', { policy, isCorrect: () => true, rollouts: 99, temperature: 0.5 });
    expect(prm.name).toBe('mc(rollouts=3,temperature=0.5,maxDepth=10)@p');
  });
});

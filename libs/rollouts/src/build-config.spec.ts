import { describe, expect, it } from 'vitest';
import { BUILD_DEFAULTS, parseSiblingStates, resolveBuildConfig } from './build-config';

describe('resolveBuildConfig', () => {
  it('fills defaults, keeping them for undefined keys', () => {
    expect(resolveBuildConfig({ rollouts: 16, siblings: undefined })).toEqual({ ...BUILD_DEFAULTS, rollouts: 16 });
  });

  it('names the bad knob', () => {
    expect(() => resolveBuildConfig({ rollouts: 0 })).toThrow(/rollouts must be a positive integer/);
    expect(() => resolveBuildConfig({ solutions: 1.5 })).toThrow(/solutions/);
    expect(() => resolveBuildConfig({ siblings: -1 })).toThrow(/siblings/);
    expect(() => resolveBuildConfig({ temperature: -0.1 })).toThrow(/temperature/);
    expect(() => resolveBuildConfig({ maxSteps: 0 })).toThrow(/maxSteps/);
    expect(() => resolveBuildConfig({ siblingStates: 1.5 })).toThrow(/siblingStates/);
    expect(() => resolveBuildConfig({ siblingStates: 'some' as never })).toThrow(/siblingStates/);
    expect(resolveBuildConfig({ siblings: 0, temperature: 0, siblingStates: 0.3 })).toMatchObject({ siblings: 0, temperature: 0, siblingStates: 0.3 });
  });
});

describe('parseSiblingStates', () => {
  it('reads the names and fractions in (0, 1]', () => {
    expect(parseSiblingStates('all')).toBe('all');
    expect(parseSiblingStates(' first-error ')).toBe('first-error');
    expect(parseSiblingStates('none')).toBe('none');
    expect(parseSiblingStates('0.25')).toBe(0.25);
    expect(parseSiblingStates('1')).toBe(1);
    for (const bad of ['0', '1.5', '', 'most', '-0.1']) expect(parseSiblingStates(bad)).toBeNull();
  });
});

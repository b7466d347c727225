import { describe, expect, it } from 'vitest';
import { assertKnownParams, countFlag, numberParam, parseSpec } from './spec-string';

describe('parseSpec', () => {
  it('reads kind and key=value parameters', () => {
    expect(parseSpec('--policy', 'sim:capability=0.6,latency=5')).toEqual({
      kind: 'sim',
      params: { capability: '0.6', latency: '5' },
    });
    expect(parseSpec('--prm', 'mc')).toEqual({ kind: 'mc', params: {} });
  });
  it('keeps a location verbatim for location kinds', () => {
    expect(parseSpec('--policy', 'openai:http://localhost:8000/v1', ['openai'])).toEqual({
      kind: 'openai',
      location: 'http://localhost:8000/v1',
      params: {},
    });
  });
  it('names the flag and the problem in errors', () => {
    expect(() => parseSpec('--prm', 'mc:rollouts')).toThrow('--prm: "rollouts" is not key=value');
    expect(() => parseSpec('--prm', 'mc:a=1,a=2')).toThrow('--prm: a is given twice');
    expect(() => parseSpec('--policy', 'openai:', ['openai'])).toThrow(/needs a location/);
    expect(() => parseSpec('--policy', ':x')).toThrow(/component kind/);
  });
  it('validates numbers with ranges and rejects unknown keys', () => {
    const spec = parseSpec('--policy', 'sim:capability=1.5,n=2.5,x=abc');
    expect(() => numberParam('--policy', spec, 'capability', { max: 1 })).toThrow('--policy sim:capability: must be <= 1, got 1.5');
    expect(() => numberParam('--policy', spec, 'n', { integer: true })).toThrow(/must be an integer/);
    expect(() => numberParam('--policy', spec, 'x')).toThrow(/"abc" is not a number/);
    expect(numberParam('--policy', spec, 'missing')).toBeUndefined();
    expect(() => assertKnownParams('--policy', spec, ['capability'])).toThrow(/unknown parameter "n"/);
  });
});

describe('countFlag', () => {
  it('reads numbers and strings, falls back when absent, and names the flag in errors', () => {
    expect(countFlag('--steps', undefined, 7)).toBe(7);
    expect(countFlag('--steps', '30', 7)).toBe(30);
    expect(countFlag('--fresh', 0, 7, 0)).toBe(0);
    expect(() => countFlag('--steps', 'x', 7)).toThrow('--steps: must be an integer, got x');
    expect(() => countFlag('--steps', ' ', 7)).toThrow(/--steps: must be an integer/);
    expect(() => countFlag('--steps', '1.5', 7)).toThrow(/must be an integer/);
    expect(() => countFlag('--steps', '0', 7)).toThrow('--steps: must be >= 1, got 0');
  });
});

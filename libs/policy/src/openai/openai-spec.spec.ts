import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../shared/spec-error';
import { createOpenAIPolicyFromSpec, isOpenAIPolicySpec, parseOpenAIPolicySpec } from './openai-spec';

describe('parseOpenAIPolicySpec', () => {
  it('keeps a given path and appends /v1 to a bare host', () => {
    expect(parseOpenAIPolicySpec('openai:http://gpu1:8000/v1/')).toEqual({ baseUrl: 'http://gpu1:8000/v1' });
    expect(parseOpenAIPolicySpec('openai:http://localhost:11434')).toEqual({ baseUrl: 'http://localhost:11434/v1' });
    expect(parseOpenAIPolicySpec('openai:https://api.openai.com/v1')).toEqual({ baseUrl: 'https://api.openai.com/v1' });
  });

  it('names the bad field', () => {
    const field = (spec: string) => {
      try {
        parseOpenAIPolicySpec(spec);
      } catch (e) {
        return e instanceof SpecError ? e.field : 'other';
      }
      return 'none';
    };
    expect(field('sim:x')).toBe('policy');
    expect(field('openai:')).toBe('baseUrl');
    expect(field('openai:not a url')).toBe('baseUrl');
    expect(field('openai:ftp://host/v1')).toBe('baseUrl');
    expect(field('openai:http://user:pw@host/v1')).toBe('baseUrl');
    expect(isOpenAIPolicySpec('openai:http://h')).toBe(true);
  });
});

describe('createOpenAIPolicyFromSpec', () => {
  it('requires a model and takes the key from the given env', () => {
    expect(() => createOpenAIPolicyFromSpec('openai:http://h:8000/v1', { model: '' })).toThrow(/model is required/);
    const policy = createOpenAIPolicyFromSpec('openai:http://h:8000/v1', { model: 'qwen', env: { OPENAI_API_KEY: 'sk-env' } });
    expect(policy.name).toBe('openai:qwen@http://h:8000/v1');
    expect(policy.endpoint).toBe('http://h:8000/v1/chat/completions');
    // The key is held, but neither serialising nor logging the policy shows it.
    expect(JSON.stringify(policy)).not.toContain('sk-env');
    expect(inspect(policy, { depth: 10 })).not.toContain('sk-env');
  });
});

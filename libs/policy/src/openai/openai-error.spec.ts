import { describe, expect, it } from 'vitest';
import { OpenAIPolicyError, serverErrorMessage } from './openai-error';

describe('serverErrorMessage', () => {
  it('reads OpenAI, vLLM (old and new) and FastAPI error bodies, else the text', () => {
    expect(serverErrorMessage('{"error":{"message":"bad n","type":"invalid_request_error"}}')).toBe('bad n');
    expect(serverErrorMessage('{"object":"error","message":"too long","type":"BadRequestError","code":400}')).toBe('too long');
    expect(serverErrorMessage('{"detail":[{"loc":["body","n"],"msg":"must be > 0"}]}')).toContain('must be > 0');
    expect(serverErrorMessage('  upstream timeout \n')).toBe('upstream timeout');
  });
});

describe('OpenAIPolicyError', () => {
  it('retries only what can succeed later', () => {
    const e = (status: number) => new OpenAIPolicyError({ kind: 'http', status, url: 'u', model: 'm' }).retryable;
    expect([429, 500, 503, 400, 401, 404, 422].map(e)).toEqual([true, true, true, false, false, false, false]);
    expect(new OpenAIPolicyError({ kind: 'timeout', url: 'u', model: 'm' }).retryable).toBe(true);
    expect(new OpenAIPolicyError({ kind: 'invalid-response', url: 'u', model: 'm' }).retryable).toBe(false);
  });
});

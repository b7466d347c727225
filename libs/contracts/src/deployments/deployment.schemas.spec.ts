import { describe, expect, it } from 'vitest';
import { ZFindTracesRequest } from '../traces/trace.schemas';
import { ZCreateDeploymentRequest, ZGetDeploymentRequest } from './deployment.schemas';

const issues = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  result.error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) ?? [];

describe('deployment schemas', () => {
  it('fills defaults and refuses a key given inline, saying where it belongs', () => {
    const parsed = ZCreateDeploymentRequest.parse({ name: 'demo', policy: { kind: 'sim' }, prm: { kind: 'alias', alias: 'production' } });
    expect(parsed).toMatchObject({ strategy: { strategy: 'prm-bas' }, status: 'active' });
    const inline = ZCreateDeploymentRequest.safeParse({ name: 'x', policy: { kind: 'openai', baseUrl: 'http://h:8000/v1', model: 'm', apiKey: 'sk-1' }, prm: { kind: 'none' } });
    expect(issues(inline)).toEqual([{ path: 'policy.apiKey', message: expect.stringContaining('apiKeyEnv') }]);
    const credentials = ZCreateDeploymentRequest.safeParse({ name: 'x', policy: { kind: 'openai', baseUrl: 'http://u:p@h:8000/v1', model: 'm' }, prm: { kind: 'none' } });
    expect(issues(credentials)[0]?.path).toBe('policy.baseUrl');
    expect(ZGetDeploymentRequest.safeParse({ name: 'demo' }).success).toBe(true);
  });

  it('reads trace filters from query strings and checks ranges', () => {
    expect(ZFindTracesRequest.parse({ minGeneratedSteps: '3', withError: 'false', limit: '10' })).toMatchObject({ minGeneratedSteps: 3, withError: false, limit: 10 });
    expect(issues(ZFindTracesRequest.safeParse({ minTokens: '9', maxTokens: '2' }))[0]?.path).toBe('maxTokens');
    expect(issues(ZFindTracesRequest.safeParse({ from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }))[0]?.path).toBe('to');
  });
});

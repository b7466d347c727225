import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProbeModule, ProbeState } from '../testing/probe.module';
import { startTestApi, type TestApi } from '../testing/test-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ imports: [ProbeModule] });
});
afterAll(() => api?.close());

/** Checks run in registration order, which follows Nest's module instantiation: compare by name. */
function sortedChecks(body: unknown) {
  const report = body as { status: string; checks: { name: string }[] };
  return { ...report, checks: [...report.checks].sort((a, b) => a.name.localeCompare(b.name)) };
}

describe('health endpoints', () => {
  it('GET /healthz answers 200 while the process lives', async () => {
    const response = await api.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', version: expect.any(String), uptimeSeconds: expect.any(Number) });
  });

  it('GET /readyz answers 200 when every registered check passes', async () => {
    api.app.get(ProbeState).dependencyUp = true;
    const response = await api.request('/readyz');
    expect(response.status).toBe(200);
    expect(sortedChecks(await response.json())).toEqual({
      status: 'ready',
      checks: [
        { name: 'database', ok: true, durationMs: expect.any(Number) },
        { name: 'job-queue', ok: true, durationMs: expect.any(Number) },
        { name: 'probe-dependency', ok: true, durationMs: expect.any(Number) },
      ],
    });
  });

  it('GET /readyz answers 503 naming the failing check', async () => {
    api.app.get(ProbeState).dependencyUp = false;
    const response = await api.request('/readyz');
    expect(response.status).toBe(503);
    expect(sortedChecks(await response.json())).toEqual({
      status: 'not_ready',
      checks: [
        { name: 'database', ok: true, durationMs: expect.any(Number) },
        { name: 'job-queue', ok: true, durationMs: expect.any(Number) },
        { name: 'probe-dependency', ok: false, durationMs: expect.any(Number), error: 'probe dependency is down' },
      ],
    });
    api.app.get(ProbeState).dependencyUp = true;
  });
});

import { describe, expect, it } from 'vitest';
import { ProbeModule, ProbeState } from '../testing/probe.module';
import { startTestApi } from '../testing/test-api';

describe('graceful shutdown', () => {
  it('finishes in-flight requests, refuses new connections, then runs the shutdown hooks', async () => {
    const api = await startTestApi({ imports: [ProbeModule] });
    const state = api.app.get(ProbeState);
    const inFlight = api.request('/__probe/slow?ms=400');
    await new Promise((resolve) => setTimeout(resolve, 100));

    const closing = api.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${api.url}/healthz`)).rejects.toThrow();

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ waited: 400 });
    await closing;
    expect(state.shutdownAt).toBeDefined();
    expect(state.shutdownAt!).toBeGreaterThanOrEqual(state.finishedRequests[0]!);
  });

  it('closes requests still running at the deadline', async () => {
    const api = await startTestApi({ imports: [ProbeModule], env: { SHUTDOWN_TIMEOUT_MS: '100' } });
    const stuck = api.request('/__probe/slow?ms=5000').then(
      () => 'answered',
      () => 'cut off',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await api.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await stuck).toBe('cut off');
  });

  it('can be called twice', async () => {
    const api = await startTestApi();
    await Promise.all([api.close(), api.close()]);
  });
});

import { describe, expect, it } from 'vitest';
import { ReadinessRegistry } from './readiness.registry';

describe('ReadinessRegistry', () => {
  it('is ready with no checks', async () => {
    expect(await new ReadinessRegistry().run()).toEqual({ status: 'ready', checks: [] });
  });

  it('runs every check and names the failing one with its reason', async () => {
    const registry = new ReadinessRegistry();
    registry.register('database', async () => undefined);
    registry.register('queue', () => {
      throw new Error('pg-boss is not started');
    });
    const report = await registry.run();
    expect(report.status).toBe('not_ready');
    expect(report.checks).toEqual([
      expect.objectContaining({ name: 'database', ok: true }),
      expect.objectContaining({ name: 'queue', ok: false, error: 'pg-boss is not started' }),
    ]);
  });

  it('fails a check that outlives its timeout, and aborts it', async () => {
    const registry = new ReadinessRegistry();
    let aborted = false;
    registry.register(
      'slow',
      (signal) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => (aborted = true));
          setTimeout(resolve, 1000);
        }),
      { timeoutMs: 20 },
    );
    const report = await registry.run();
    expect(report.checks[0]).toMatchObject({ name: 'slow', ok: false, error: 'timed out after 20 ms' });
    expect(aborted).toBe(true);
  });

  it('refuses duplicate names and unregisters', async () => {
    const registry = new ReadinessRegistry();
    const remove = registry.register('database', () => undefined);
    expect(() => registry.register('database', () => undefined)).toThrow(/already registered/);
    remove();
    expect(registry.names()).toEqual([]);
  });

  it('reports not ready while draining for shutdown', async () => {
    const registry = new ReadinessRegistry();
    registry.markDraining();
    expect(await registry.run()).toMatchObject({ status: 'not_ready', checks: [{ name: 'shutdown', ok: false }] });
  });
});

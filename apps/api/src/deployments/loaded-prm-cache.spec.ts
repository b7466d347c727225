import type { ScorerSetup } from '@prmbas/prm';
import { describe, expect, it, vi } from 'vitest';
import { LoadedPrmCache } from './loaded-prm-cache';

function fakeSetup(name: string) {
  const dispose = vi.fn();
  const setup: ScorerSetup = { prm: { name, score: async (items) => ({ scores: items.map(() => 0.5) }) }, dispose };
  return { setup, dispose };
}

describe('LoadedPrmCache', () => {
  it('loads a version once for concurrent requests and shares it', async () => {
    const a = fakeSetup('a');
    const load = vi.fn(async () => a.setup);
    const cache = new LoadedPrmCache(load);
    const [x, y] = await Promise.all([cache.acquire('v1'), cache.acquire('v1')]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(x.setup).toBe(y.setup);
    x.release();
    y.release();
    expect(a.dispose).not.toHaveBeenCalled();
  });

  it('disposes the least recently used idle versions beyond capacity, never one in use', async () => {
    const setups = new Map(['v1', 'v2', 'v3'].map((v) => [v, fakeSetup(v)]));
    const cache = new LoadedPrmCache(async (v) => setups.get(v)!.setup, 1);
    const held = await cache.acquire('v1');
    const second = await cache.acquire('v2');
    second.release(); // v2 idle, v1 leased: v2 goes (v1 is in use)
    expect(setups.get('v2')!.dispose).toHaveBeenCalledTimes(1);
    expect(setups.get('v1')!.dispose).not.toHaveBeenCalled();
    const third = await cache.acquire('v3');
    held.release(); // v1 now idle and least recent: disposed at release
    expect(setups.get('v1')!.dispose).toHaveBeenCalledTimes(1);
    expect(cache.keys()).toEqual(['v3']);
    third.release();
    third.release(); // releasing twice is harmless
    cache.clear();
    expect(setups.get('v3')!.dispose).toHaveBeenCalledTimes(1);
  });

  it('forgets a failed load so the next request tries again', async () => {
    const good = fakeSetup('ok');
    const load = vi.fn().mockRejectedValueOnce(new Error('kind not registered')).mockResolvedValueOnce(good.setup);
    const cache = new LoadedPrmCache(load);
    await expect(cache.acquire('v1')).rejects.toThrow('kind not registered');
    const lease = await cache.acquire('v1');
    expect(lease.setup).toBe(good.setup);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

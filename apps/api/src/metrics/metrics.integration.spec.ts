import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../testing/test-api';
import { DomainMetrics } from './domain-metrics';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

/** The value of one sample line, e.g. `http_request_duration_seconds_count{...} 3`. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function scrape(): Promise<string> {
  const response = await api.request('/metrics');
  expect(response.status).toBe(200);
  return response.text();
}

describe('GET /metrics', () => {
  it('serves the Prometheus text exposition format', async () => {
    const response = await api.request('/metrics');
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/^# HELP /m);
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
    for (const name of ['prmbas_searches_total', 'prmbas_policy_calls_total', 'prmbas_prm_batches_total', 'prmbas_queue_depth']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('counts requests by route pattern, method and status', async () => {
    const labels = { route: '/healthz', method: 'GET', status: '200' };
    const before = sample(await scrape(), 'http_request_duration_seconds_count', labels);
    await api.request('/healthz');
    await api.request('/healthz');
    const after = sample(await scrape(), 'http_request_duration_seconds_count', labels);
    expect(after - before).toBe(2);
  });

  it('labels unknown paths as one series, never by URL', async () => {
    await api.request('/wp-admin/setup.php');
    const text = await scrape();
    expect(sample(text, 'http_request_duration_seconds_count', { route: '(unmatched)', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('wp-admin');
  });

  it('exposes what DomainMetrics records', async () => {
    api.app.get(DomainMetrics).recordSearch({ strategy: 'beam', outcome: 'ok', durationSeconds: 0.5 });
    expect(sample(await scrape(), 'prmbas_searches_total', { strategy: 'beam', outcome: 'ok' })).toBe(1);
  });
});

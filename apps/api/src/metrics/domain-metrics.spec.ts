import { describe, expect, it } from 'vitest';
import { DomainMetrics } from './domain-metrics';
import { MetricsService } from './metrics.service';

function setup() {
  const service = new MetricsService();
  return { service, metrics: new DomainMetrics(service) };
}

describe('DomainMetrics', () => {
  it('counts a search and, from its cost record, its policy calls and PRM batches', async () => {
    const { service, metrics } = setup();
    metrics.recordSearch({ strategy: 'prm-bas', outcome: 'ok', cost: { policyCalls: 12, prmBatches: 4, prmScoredSteps: 40, wallMs: 250 } });
    metrics.recordSearch({ strategy: 'prm-bas', outcome: 'error' });
    const text = await service.render();
    expect(text).toContain('prmbas_searches_total{strategy="prm-bas",outcome="ok"} 1');
    expect(text).toContain('prmbas_searches_total{strategy="prm-bas",outcome="error"} 1');
    expect(text).toContain('prmbas_search_duration_seconds_sum{strategy="prm-bas"} 0.25');
    expect(text).toContain('prmbas_policy_calls_total{source="prm-bas"} 12');
    expect(text).toContain('prmbas_prm_batches_total{source="prm-bas"} 4');
    expect(text).toContain('prmbas_prm_scored_steps_total{source="prm-bas"} 40');
  });

  it('counts calls made outside searches', async () => {
    const { service, metrics } = setup();
    metrics.countPolicyCalls('rollouts', 8);
    metrics.countPrmBatch('eval', 16);
    const text = await service.render();
    expect(text).toContain('prmbas_policy_calls_total{source="rollouts"} 8');
    expect(text).toContain('prmbas_prm_batches_total{source="eval"} 1');
    expect(text).toContain('prmbas_prm_scored_steps_total{source="eval"} 16');
  });

  it('reads queue depths at scrape time from registered sources', async () => {
    const { service, metrics } = setup();
    let queued = 3;
    const remove = metrics.registerQueueDepthSource(() => [{ queue: 'training', state: 'queued', depth: queued }]);
    expect(await service.render()).toContain('prmbas_queue_depth{queue="training",state="queued"} 3');
    queued = 5;
    expect(await service.render()).toContain('prmbas_queue_depth{queue="training",state="queued"} 5');
    remove();
    metrics.setQueueDepth('eval', 'active', 1);
    expect(await service.render()).toContain('prmbas_queue_depth{queue="eval",state="active"} 1');
  });

  it('keeps each app in its own registry', async () => {
    const a = setup();
    const b = setup();
    a.metrics.countPolicyCalls('rollouts', 2);
    expect(await b.service.render()).not.toContain('prmbas_policy_calls_total{source="rollouts"}');
  });
});

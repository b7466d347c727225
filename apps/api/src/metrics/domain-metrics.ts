import { Injectable } from '@nestjs/common';
import type { CostRecord } from '@prmbas/search';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from './metrics.service';

export type SearchOutcome = 'ok' | 'error' | 'cancelled';

/** How deep one queue is in one state, as a job-queue backend reports it. */
export interface QueueDepth {
  queue: string;
  /** e.g. 'queued', 'active', 'retry' */
  state: string;
  depth: number;
}

/** Reads queue depths at scrape time (the jobs module registers one reading pg-boss). */
export type QueueDepthSource = () => Promise<readonly QueueDepth[]> | readonly QueueDepth[];

/** Search durations: a greedy pass over the simulated policy to a wide PRM-BAS over a real model. */
const SEARCH_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * The platform's own metrics, for the serving and job code:
 *   metrics.recordSearch({ strategy: 'prm-bas', outcome: 'ok', cost: result.cost });
 *   metrics.countPolicyCalls('rollouts', n); metrics.countPrmBatch('eval', steps);
 *   metrics.registerQueueDepthSource(() => boss.depths());
 */
@Injectable()
export class DomainMetrics {
  readonly searches: Counter<'strategy' | 'outcome'>;
  readonly searchDuration: Histogram<'strategy'>;
  /** Policy (LLM) calls by who made them: a search strategy, 'rollouts', 'eval', ... */
  readonly policyCalls: Counter<'source'>;
  readonly prmBatches: Counter<'source'>;
  readonly prmScoredSteps: Counter<'source'>;
  readonly queueDepth: Gauge<'queue' | 'state'>;
  private readonly queueDepthSources = new Set<QueueDepthSource>();

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.searches = new Counter({
      name: 'prmbas_searches_total',
      help: 'Searches run, by strategy and outcome.',
      labelNames: ['strategy', 'outcome'],
      registers,
    });
    this.searchDuration = new Histogram({
      name: 'prmbas_search_duration_seconds',
      help: 'Wall-clock duration of a search.',
      labelNames: ['strategy'],
      buckets: SEARCH_BUCKETS,
      registers,
    });
    this.policyCalls = new Counter({
      name: 'prmbas_policy_calls_total',
      help: 'Calls to a policy model, by source (search strategy, rollouts, eval).',
      labelNames: ['source'],
      registers,
    });
    this.prmBatches = new Counter({
      name: 'prmbas_prm_batches_total',
      help: 'Batches scored by a PRM, by source.',
      labelNames: ['source'],
      registers,
    });
    this.prmScoredSteps = new Counter({
      name: 'prmbas_prm_scored_steps_total',
      help: 'Steps scored by a PRM, by source.',
      labelNames: ['source'],
      registers,
    });
    const sources = this.queueDepthSources;
    this.queueDepth = new Gauge({
      name: 'prmbas_queue_depth',
      help: 'Jobs in each queue and state.',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        for (const source of sources) {
          for (const { queue, state, depth } of await source()) this.set({ queue, state }, depth);
        }
      },
    });
  }

  /** One finished search; with its cost record, also counts its policy calls and PRM batches. */
  recordSearch(search: {
    strategy: string;
    outcome: SearchOutcome;
    cost?: Pick<CostRecord, 'policyCalls' | 'prmBatches' | 'prmScoredSteps' | 'wallMs'>;
    durationSeconds?: number;
  }): void {
    const { strategy, outcome, cost } = search;
    this.searches.inc({ strategy, outcome });
    const seconds = search.durationSeconds ?? (cost ? cost.wallMs / 1000 : undefined);
    if (seconds !== undefined) this.searchDuration.observe({ strategy }, seconds);
    if (cost) {
      this.countPolicyCalls(strategy, cost.policyCalls);
      if (cost.prmBatches > 0) this.prmBatches.inc({ source: strategy }, cost.prmBatches);
      if (cost.prmScoredSteps > 0) this.prmScoredSteps.inc({ source: strategy }, cost.prmScoredSteps);
    }
  }

  countPolicyCalls(source: string, calls = 1): void {
    if (calls > 0) this.policyCalls.inc({ source }, calls);
  }

  /** One PRM batch of `steps` scored steps. */
  countPrmBatch(source: string, steps: number): void {
    this.prmBatches.inc({ source });
    if (steps > 0) this.prmScoredSteps.inc({ source }, steps);
  }

  setQueueDepth(queue: string, state: string, depth: number): void {
    this.queueDepth.set({ queue, state }, depth);
  }

  /** Adds a source read at every scrape; returns a function that removes it. */
  registerQueueDepthSource(source: QueueDepthSource): () => void {
    this.queueDepthSources.add(source);
    return () => this.queueDepthSources.delete(source);
  }
}

export { DomainMetrics, type QueueDepth, type QueueDepthSource, type SearchOutcome } from './domain-metrics';
export { httpMetricsMiddleware, UNMATCHED_ROUTE, UNROUTED } from './http-metrics.middleware';
export { MetricsModule } from './metrics.module';
export { MetricsService } from './metrics.service';

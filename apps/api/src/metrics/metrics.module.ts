import { Global, Module } from '@nestjs/common';
import { DomainMetrics } from './domain-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** `/metrics`, the app's Prometheus registry, and DomainMetrics for the search and job code. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, DomainMetrics],
  exports: [MetricsService, DomainMetrics],
})
export class MetricsModule {}

import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { MetricsStreamController } from './metrics-stream.controller';
import { MetricsStreamHub } from './metrics-stream.hub';
import { RunMetricsService } from './run-metrics.service';
import { TrainingRepository } from './training.repository';
import { TrainingService } from './training.service';

/**
 * Training runs: start / read / cancel / metrics / compare (tRPC `training.*`, through
 * TrainingService) and the live metrics stream (REST SSE). Enqueues through JobsModule.
 */
@Module({
  imports: [JobsModule],
  controllers: [MetricsStreamController],
  providers: [TrainingRepository, RunMetricsService, TrainingService, MetricsStreamHub],
  exports: [TrainingService],
})
export class TrainingModule {}

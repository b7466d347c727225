import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { EvaluationsRepository } from './evaluations.repository';
import { EvaluationsService } from './evaluations.service';

/** Evaluations (tRPC `evaluations.*`): accuracy vs compute of strategies, run as `eval.run` jobs. */
@Module({
  imports: [JobsModule],
  providers: [EvaluationsRepository, EvaluationsService],
  exports: [EvaluationsService],
})
export class EvaluationsModule {}

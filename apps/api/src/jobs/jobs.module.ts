import { Module } from '@nestjs/common';
import { DeadWorkerReaper } from './dead-worker-reaper';
import { JobBossLifecycle, jobBossProvider, JOB_BOSS } from './job-boss.provider';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';

/**
 * Jobs on pg-boss: enqueue / cancel / get / find, the queue-depth metric source, the readiness
 * check, and the dead-worker reaper. Other domains (datasets, training, evaluations) inject
 * JobsService to enqueue their work. Needs the global DatabaseModule.
 */
@Module({
  controllers: [JobsController],
  providers: [jobBossProvider, JobBossLifecycle, JobsRepository, JobsService, DeadWorkerReaper],
  exports: [JobsService, JOB_BOSS],
})
export class JobsModule {}

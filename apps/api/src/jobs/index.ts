export { JobsModule } from './jobs.module';
export { JobsService } from './jobs.service';
export { JOB_BOSS } from './job-boss.provider';

export * from './job-kinds';
export * from './job-payloads';
export * from './job-procedures';
export type { JobsService } from './jobs.service';

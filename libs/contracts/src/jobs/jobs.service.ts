import type { Actor } from '../auth/actor';
import type { TCancelJobRequest, TCreateJobRequest, TFindJobsRequest, TFindJobsResponse, TGetJobRequest, TJob } from './job-procedures';

/**
 * What the jobs router needs from the server (apps/api/src/jobs implements it). Methods throw the
 * server's typed errors: unknown job or target → not found, a target in the wrong state or
 * already being worked on → conflict, an invalid search config → validation (naming the field).
 */
export interface JobsService {
  create(input: TCreateJobRequest, actor: Actor): Promise<TJob>;
  /** A queued job is cancelled at once; a running one when its worker sees the flag. */
  cancel(input: TCancelJobRequest, actor: Actor): Promise<TJob>;
  get(input: TGetJobRequest): Promise<TJob>;
  find(input: TFindJobsRequest): Promise<TFindJobsResponse>;
}

import { router } from '../trpc/init';
import { researcherProcedure, viewerProcedure } from '../trpc/procedures';
import {
  ZCancelJobRequest,
  ZCancelJobResponse,
  ZCreateJobRequest,
  ZCreateJobResponse,
  ZFindJobsRequest,
  ZFindJobsResponse,
  ZGetJobRequest,
  ZGetJobResponse,
} from './job-procedures';

/** Researchers and admins start and cancel work; everyone signed in watches it. */
export const jobsRouter = router({
  create: researcherProcedure
    .input(ZCreateJobRequest)
    .output(ZCreateJobResponse)
    .mutation(({ input, ctx }) => ctx.services.jobs.create(input, ctx.actor)),
  cancel: researcherProcedure
    .input(ZCancelJobRequest)
    .output(ZCancelJobResponse)
    .mutation(({ input, ctx }) => ctx.services.jobs.cancel(input, ctx.actor)),
  get: viewerProcedure
    .input(ZGetJobRequest)
    .output(ZGetJobResponse)
    .query(({ input, ctx }) => ctx.services.jobs.get(input)),
  find: viewerProcedure
    .input(ZFindJobsRequest)
    .output(ZFindJobsResponse)
    .query(({ input, ctx }) => ctx.services.jobs.find(input)),
});

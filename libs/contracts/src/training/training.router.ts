import { router } from '../trpc/init';
import { researcherProcedure, viewerProcedure } from '../trpc/procedures';
import { ZCompareRunsRequest, ZCompareRunsResponse, ZGetRunMetricsRequest, ZGetRunMetricsResponse } from './training-metrics.schemas';
import {
  ZCancelTrainingRunRequest,
  ZCancelTrainingRunResponse,
  ZCreateTrainingRunRequest,
  ZCreateTrainingRunResponse,
  ZFindModelKindsResponse,
  ZFindTrainingRunsRequest,
  ZFindTrainingRunsResponse,
  ZGetTrainingRunRequest,
  ZGetTrainingRunResponse,
} from './training-run.schemas';

/** Researchers and admins start and cancel runs; everyone signed in watches and compares them. */
export const trainingRouter = router({
  create: researcherProcedure
    .input(ZCreateTrainingRunRequest)
    .output(ZCreateTrainingRunResponse)
    .mutation(({ input, ctx }) => ctx.services.training.createRun(input, ctx.actor)),
  cancel: researcherProcedure
    .input(ZCancelTrainingRunRequest)
    .output(ZCancelTrainingRunResponse)
    .mutation(({ input, ctx }) => ctx.services.training.cancelRun(input, ctx.actor)),
  get: viewerProcedure
    .input(ZGetTrainingRunRequest)
    .output(ZGetTrainingRunResponse)
    .query(({ input, ctx }) => ctx.services.training.getRun(input)),
  find: viewerProcedure
    .input(ZFindTrainingRunsRequest)
    .output(ZFindTrainingRunsResponse)
    .query(({ input, ctx }) => ctx.services.training.findRuns(input)),
  metrics: viewerProcedure
    .input(ZGetRunMetricsRequest)
    .output(ZGetRunMetricsResponse)
    .query(({ input, ctx }) => ctx.services.training.getMetrics(input)),
  compare: viewerProcedure
    .input(ZCompareRunsRequest)
    .output(ZCompareRunsResponse)
    .query(({ input, ctx }) => ctx.services.training.compareRuns(input)),
  findModelKinds: viewerProcedure.output(ZFindModelKindsResponse).query(({ ctx }) => ctx.services.training.findModelKinds()),
});

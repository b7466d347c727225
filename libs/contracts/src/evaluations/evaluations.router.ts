import { router } from '../trpc/init';
import { researcherProcedure, viewerProcedure } from '../trpc/procedures';
import {
  ZCancelEvaluationRequest,
  ZCancelEvaluationResponse,
  ZCreateEvaluationRequest,
  ZCreateEvaluationResponse,
  ZFindEvaluationsRequest,
  ZFindEvaluationsResponse,
  ZGetEvaluationRequest,
  ZGetEvaluationResponse,
} from './evaluation.schemas';

/** Researchers and admins start and cancel evaluations; everyone signed in reads the plots. */
export const evaluationsRouter = router({
  create: researcherProcedure
    .input(ZCreateEvaluationRequest)
    .output(ZCreateEvaluationResponse)
    .mutation(({ input, ctx }) => ctx.services.evaluations.createEvaluation(input, ctx.actor)),
  cancel: researcherProcedure
    .input(ZCancelEvaluationRequest)
    .output(ZCancelEvaluationResponse)
    .mutation(({ input, ctx }) => ctx.services.evaluations.cancelEvaluation(input, ctx.actor)),
  get: viewerProcedure
    .input(ZGetEvaluationRequest)
    .output(ZGetEvaluationResponse)
    .query(({ input, ctx }) => ctx.services.evaluations.getEvaluation(input)),
  find: viewerProcedure
    .input(ZFindEvaluationsRequest)
    .output(ZFindEvaluationsResponse)
    .query(({ input, ctx }) => ctx.services.evaluations.findEvaluations(input)),
});

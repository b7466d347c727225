import { router } from '../trpc/init';
import { researcherProcedure, viewerProcedure } from '../trpc/procedures';
import {
  ZDeleteDatasetSolutionRequest,
  ZDeleteDatasetSolutionResponse,
  ZFindDatasetQuestionsRequest,
  ZFindDatasetQuestionsResponse,
  ZGetDatasetQuestionRequest,
  ZGetDatasetQuestionResponse,
  ZUpdateDatasetQuestionRequest,
  ZUpdateDatasetQuestionResponse,
} from './dataset-browse.schemas';
import {
  ZBuildDatasetVersionRequest,
  ZBuildDatasetVersionResponse,
  ZCreateDatasetRequest,
  ZCreateDatasetResponse,
  ZDeleteDatasetVersionRequest,
  ZDeleteDatasetVersionResponse,
  ZFindDatasetsRequest,
  ZFindDatasetsResponse,
  ZFreezeDatasetVersionRequest,
  ZFreezeDatasetVersionResponse,
  ZGetDatasetRequest,
  ZGetDatasetResponse,
  ZGetDatasetVersionRequest,
  ZGetDatasetVersionResponse,
} from './dataset.schemas';

/**
 * Everyone signed in browses; researchers and admins create, build, edit and freeze. (Import,
 * export and question images are REST routes: see dataset-transfer.schemas.ts.)
 */
export const datasetsRouter = router({
  find: viewerProcedure
    .input(ZFindDatasetsRequest)
    .output(ZFindDatasetsResponse)
    .query(({ input, ctx }) => ctx.services.datasets.findDatasets(input)),
  get: viewerProcedure
    .input(ZGetDatasetRequest)
    .output(ZGetDatasetResponse)
    .query(({ input, ctx }) => ctx.services.datasets.getDataset(input)),
  create: researcherProcedure
    .input(ZCreateDatasetRequest)
    .output(ZCreateDatasetResponse)
    .mutation(({ input, ctx }) => ctx.services.datasets.createDataset(input, ctx.actor)),
  getVersion: viewerProcedure
    .input(ZGetDatasetVersionRequest)
    .output(ZGetDatasetVersionResponse)
    .query(({ input, ctx }) => ctx.services.datasets.getVersion(input)),
  buildVersion: researcherProcedure
    .input(ZBuildDatasetVersionRequest)
    .output(ZBuildDatasetVersionResponse)
    .mutation(({ input, ctx }) => ctx.services.datasets.buildVersion(input, ctx.actor)),
  freezeVersion: researcherProcedure
    .input(ZFreezeDatasetVersionRequest)
    .output(ZFreezeDatasetVersionResponse)
    .mutation(({ input, ctx }) => ctx.services.datasets.freezeVersion(input, ctx.actor)),
  deleteVersion: researcherProcedure
    .input(ZDeleteDatasetVersionRequest)
    .output(ZDeleteDatasetVersionResponse)
    .mutation(({ input, ctx }) => ctx.services.datasets.deleteVersion(input, ctx.actor)),
  findQuestions: viewerProcedure
    .input(ZFindDatasetQuestionsRequest)
    .output(ZFindDatasetQuestionsResponse)
    .query(({ input, ctx }) => ctx.services.datasets.findQuestions(input)),
  getQuestion: viewerProcedure
    .input(ZGetDatasetQuestionRequest)
    .output(ZGetDatasetQuestionResponse)
    .query(({ input, ctx }) => ctx.services.datasets.getQuestion(input)),
  updateQuestion: researcherProcedure
    .input(ZUpdateDatasetQuestionRequest)
    .output(ZUpdateDatasetQuestionResponse)
    .mutation(({ input, ctx }) => ctx.services.datasets.updateQuestion(input, ctx.actor)),
  deleteSolution: researcherProcedure
    .input(ZDeleteDatasetSolutionRequest)
    .output(ZDeleteDatasetSolutionResponse)
    .mutation(({ input, ctx }) => ctx.services.datasets.deleteSolution(input, ctx.actor)),
});

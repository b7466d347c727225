import type { Actor } from '../auth/actor';
import type {
  TDeleteDatasetSolutionRequest,
  TDeleteDatasetSolutionResponse,
  TDatasetQuestion,
  TFindDatasetQuestionsRequest,
  TFindDatasetQuestionsResponse,
  TGetDatasetQuestionRequest,
  TUpdateDatasetQuestionRequest,
} from './dataset-browse.schemas';
import type {
  TBuildDatasetVersionRequest,
  TBuildDatasetVersionResponse,
  TCreateDatasetRequest,
  TDataset,
  TDatasetVersion,
  TDeleteDatasetVersionRequest,
  TDeleteDatasetVersionResponse,
  TFindDatasetsRequest,
  TFindDatasetsResponse,
  TFreezeDatasetVersionRequest,
  TGetDatasetRequest,
  TGetDatasetResponse,
  TGetDatasetVersionRequest,
} from './dataset.schemas';

/**
 * What the datasets router needs from the server (apps/api/src/datasets implements it; import and
 * export are REST routes of the same module). Methods throw the server's typed errors: unknown
 * ids → not found (naming the field), a name taken → conflict, a version in the wrong state →
 * conflict, any change to a frozen version → unprocessable (422).
 */
export interface DatasetsService {
  createDataset(input: TCreateDatasetRequest, actor: Actor): Promise<TDataset>;
  findDatasets(input: TFindDatasetsRequest): Promise<TFindDatasetsResponse>;
  getDataset(input: TGetDatasetRequest): Promise<TGetDatasetResponse>;
  getVersion(input: TGetDatasetVersionRequest): Promise<TDatasetVersion>;
  /** A new building version and its `dataset.build` job, in one transaction. */
  buildVersion(input: TBuildDatasetVersionRequest, actor: Actor): Promise<TBuildDatasetVersionResponse>;
  freezeVersion(input: TFreezeDatasetVersionRequest, actor: Actor): Promise<TDatasetVersion>;
  deleteVersion(input: TDeleteDatasetVersionRequest, actor: Actor): Promise<TDeleteDatasetVersionResponse>;
  findQuestions(input: TFindDatasetQuestionsRequest): Promise<TFindDatasetQuestionsResponse>;
  getQuestion(input: TGetDatasetQuestionRequest): Promise<TDatasetQuestion>;
  updateQuestion(input: TUpdateDatasetQuestionRequest, actor: Actor): Promise<TDatasetQuestion>;
  deleteSolution(input: TDeleteDatasetSolutionRequest, actor: Actor): Promise<TDeleteDatasetSolutionResponse>;
}

import type { Actor } from '../auth/actor';
import type { TCompareRunsRequest, TCompareRunsResponse, TGetRunMetricsRequest, TGetRunMetricsResponse } from './training-metrics.schemas';
import type {
  TCancelTrainingRunRequest,
  TCreateTrainingRunRequest,
  TFindModelKindsResponse,
  TFindTrainingRunsRequest,
  TFindTrainingRunsResponse,
  TGetTrainingRunRequest,
  TTrainingRun,
} from './training-run.schemas';

/**
 * What the training router needs from the server (apps/api/src/training). Errors: unknown run or
 * dataset version → not found (naming the field), a dataset version that is not ready/frozen or a
 * run with nothing to cancel → conflict, a model kind no live worker offers → unprocessable.
 */
export interface TrainingService {
  /** The run row and its `prm.train` job, in one transaction with their audit rows. */
  createRun(input: TCreateTrainingRunRequest, actor: Actor): Promise<TTrainingRun>;
  findRuns(input: TFindTrainingRunsRequest): Promise<TFindTrainingRunsResponse>;
  getRun(input: TGetTrainingRunRequest): Promise<TTrainingRun>;
  /** Through the jobs module: a queued run stops at once, a running one at its worker's next heartbeat. */
  cancelRun(input: TCancelTrainingRunRequest, actor: Actor): Promise<TTrainingRun>;
  getMetrics(input: TGetRunMetricsRequest): Promise<TGetRunMetricsResponse>;
  compareRuns(input: TCompareRunsRequest): Promise<TCompareRunsResponse>;
  findModelKinds(): Promise<TFindModelKindsResponse>;
}

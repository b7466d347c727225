import type { Actor } from '../auth/actor';
import type {
  TCancelEvaluationRequest,
  TCreateEvaluationRequest,
  TEvaluation,
  TFindEvaluationsRequest,
  TFindEvaluationsResponse,
  TGetEvaluationRequest,
} from './evaluation.schemas';

/**
 * What the evaluations router needs from the server (apps/api/src/evaluations). Errors: an invalid
 * search config or a budget a strategy cannot take → validation (naming the field); unknown
 * dataset version, model version or alias → not found; a dataset version not ready/frozen → conflict.
 */
export interface EvaluationsService {
  /** Enqueues the `eval.run` job (audited as `job.create`). */
  createEvaluation(input: TCreateEvaluationRequest, actor: Actor): Promise<TEvaluation>;
  findEvaluations(input: TFindEvaluationsRequest): Promise<TFindEvaluationsResponse>;
  getEvaluation(input: TGetEvaluationRequest): Promise<TEvaluation>;
  cancelEvaluation(input: TCancelEvaluationRequest, actor: Actor): Promise<TEvaluation>;
}

import type { Actor } from '../auth/actor';
import type {
  TFindModelAliasesResponse,
  TModelAliasHistoryRequest,
  TModelAliasHistoryResponse,
  TMoveModelAliasRequest,
  TMoveModelAliasResponse,
} from './model-alias.schemas';
import type { TFindModelVersionsRequest, TFindModelVersionsResponse, TGetModelVersionRequest, TModelVersion } from './model-version.schemas';

/**
 * What the models router needs from the server (apps/api/src/models). Errors: unknown version →
 * not found (naming the field); an alias that no longer points where the caller expected → conflict.
 */
export interface ModelsService {
  findVersions(input: TFindModelVersionsRequest): Promise<TFindModelVersionsResponse>;
  getVersion(input: TGetModelVersionRequest): Promise<TModelVersion>;
  findAliases(): Promise<TFindModelAliasesResponse>;
  /** One transaction, serialised per alias name, compare-and-set, audited (`model_alias.move`). */
  moveAlias(input: TMoveModelAliasRequest, actor: Actor): Promise<TMoveModelAliasResponse>;
  aliasHistory(input: TModelAliasHistoryRequest): Promise<TModelAliasHistoryResponse>;
}

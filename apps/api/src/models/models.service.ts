/**
 * The model registry: versions with lineage, aliases and their history, and alias moves as a
 * compare-and-set (libs/db moveAlias: one transaction serialised per alias name, audited as
 * `model_alias.move`). A stale expectation is a 409 that changes nothing, so two people confirming
 * moves of the same alias at once cannot overwrite each other unseen.
 */
import { Injectable } from '@nestjs/common';
import type {
  Actor,
  ModelsService as ModelsServiceContract,
  TFindModelAliasesResponse,
  TFindModelVersionsRequest,
  TFindModelVersionsResponse,
  TGetModelVersionRequest,
  TModelAliasHistoryRequest,
  TModelAliasHistoryResponse,
  TModelVersion,
  TMoveModelAliasRequest,
  TMoveModelAliasResponse,
} from '@prmbas/contracts';
import { AliasConflictError, ModelVersionNotFoundError } from '@prmbas/db';
import { auditContextOf } from '../auth/auth.views';
import { AppError } from '../errors/app-error';
import { toModelAliasView, toModelVersionView } from './model-version-view';
import { ModelsRepository } from './models.repository';

@Injectable()
export class ModelsService implements ModelsServiceContract {
  constructor(private readonly models: ModelsRepository) {}

  async findVersions(filter: TFindModelVersionsRequest): Promise<TFindModelVersionsResponse> {
    const rows = await this.models.findVersions(filter);
    const page = rows.slice(0, filter.limit);
    return { items: page.map(toModelVersionView), nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null };
  }

  async getVersion({ id }: TGetModelVersionRequest): Promise<TModelVersion> {
    const row = await this.models.findVersion(id);
    if (!row) throw AppError.notFound('model version', id, { param: 'id' });
    return toModelVersionView(row);
  }

  async findAliases(): Promise<TFindModelAliasesResponse> {
    return { items: (await this.models.findAliases()).map(toModelAliasView) };
  }

  async moveAlias(input: TMoveModelAliasRequest, actor: Actor): Promise<TMoveModelAliasResponse> {
    let moved;
    try {
      moved = await this.models.moveAlias(auditContextOf(actor), {
        name: input.name,
        modelVersionId: input.modelVersionId,
        expectedModelVersionId: input.expectedModelVersionId,
      });
    } catch (error) {
      if (error instanceof AliasConflictError) throw AppError.conflict(error.message, { param: 'expectedModelVersionId', code: 'alias_moved' });
      if (error instanceof ModelVersionNotFoundError) throw AppError.notFound('model version', input.modelVersionId, { param: 'modelVersionId' });
      throw error;
    }
    // The row as this move left it (not re-read by name: another move may already have followed).
    const alias = await this.models.describeAlias(moved.alias);
    return { alias: toModelAliasView(alias), previousModelVersionId: moved.previousModelVersionId, changed: moved.changed };
  }

  async aliasHistory({ name, limit }: TModelAliasHistoryRequest): Promise<TModelAliasHistoryResponse> {
    const rows = await this.models.aliasMoves(name, limit);
    const versionOf = (json: unknown): string | null =>
      json && typeof json === 'object' && 'modelVersionId' in json && typeof json.modelVersionId === 'string' ? json.modelVersionId : null;
    return {
      items: rows.flatMap((r) => {
        const to = versionOf(r.after);
        return to ? [{ at: r.createdAt.toISOString(), actor: r.actor, fromModelVersionId: versionOf(r.before), toModelVersionId: to, requestId: r.requestId }] : [];
      }),
    };
  }
}

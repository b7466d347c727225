/**
 * Evaluations: strategies × budgets expanded into one `eval.run` job (enqueued and audited by the
 * jobs module), read back as plot points. The checks only the server can make come first so
 * their errors name the request's own fields: the dataset version exists and is ready or frozen,
 * the PRM version or alias exists (an alias is pinned to its version now, so a later move does
 * not change what this evaluation measured), PRM strategies have a PRM.
 */
import { Injectable } from '@nestjs/common';
import type {
  Actor,
  EvaluationsService as EvaluationsServiceContract,
  TCancelEvaluationRequest,
  TCreateEvaluationRequest,
  TEvalRunPayload,
  TEvaluation,
  TFindEvaluationsRequest,
  TFindEvaluationsResponse,
  TGetEvaluationRequest,
} from '@prmbas/contracts';
import { PRM_STRATEGIES } from '@prmbas/search';
import { AppError } from '../errors/app-error';
import { JobsService } from '../jobs/jobs.service';
import { toEvaluationView } from './evaluation-view';
import { EvaluationsRepository } from './evaluations.repository';
import { expandStrategies } from './strategy-budgets';

@Injectable()
export class EvaluationsService implements EvaluationsServiceContract {
  constructor(
    private readonly evaluations: EvaluationsRepository,
    private readonly jobs: JobsService,
  ) {}

  async createEvaluation(input: TCreateEvaluationRequest, actor: Actor): Promise<TEvaluation> {
    const { rows, configs } = expandStrategies(input.strategies);
    if (input.prm.kind === 'none') {
      const needy = configs.findIndex((c) => PRM_STRATEGIES.includes(c.strategy));
      if (needy >= 0) throw AppError.validation(`prm: strategy '${rows[needy]!.series}' (${configs[needy]!.strategy}) needs a PRM (kind mc, model or alias)`, { param: 'prm' });
    }
    const prm = await this.resolvePrm(input.prm);
    if (input.source.kind === 'dataset') {
      const version = await this.evaluations.datasetVersion(input.source.datasetVersionId);
      if (!version) throw AppError.notFound('dataset version', input.source.datasetVersionId, { param: 'source.datasetVersionId' });
      if (version.status !== 'ready' && version.status !== 'frozen') {
        throw AppError.conflict(`dataset version '${version.id}' is ${version.status}; evaluate on a ready or frozen version`, { param: 'source.datasetVersionId' });
      }
    }
    const payload: TEvalRunPayload = {
      ...(input.name ? { name: input.name } : {}),
      source: input.source,
      policy: input.policy,
      prm,
      strategies: rows,
      seed: input.seed,
      concurrency: input.concurrency,
    };
    const job = await this.jobs.create({ kind: 'eval.run', payload, requirements: input.requirements }, actor);
    return this.getEvaluation({ id: job.id });
  }

  async findEvaluations(filter: TFindEvaluationsRequest): Promise<TFindEvaluationsResponse> {
    const rows = await this.evaluations.findEvaluations(filter);
    const page = rows.slice(0, filter.limit);
    return { items: page.map(toEvaluationView), nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null };
  }

  async getEvaluation({ id }: TGetEvaluationRequest): Promise<TEvaluation> {
    const job = await this.evaluations.findEvaluation(id);
    if (!job) throw AppError.notFound('evaluation', id, { param: 'id' });
    return toEvaluationView(job);
  }

  async cancelEvaluation({ id }: TCancelEvaluationRequest, actor: Actor): Promise<TEvaluation> {
    await this.getEvaluation({ id });
    await this.jobs.cancel({ id }, actor);
    return this.getEvaluation({ id });
  }

  private async resolvePrm(ref: TCreateEvaluationRequest['prm']): Promise<TEvalRunPayload['prm']> {
    switch (ref.kind) {
      case 'none':
      case 'mc':
        return ref;
      case 'model':
        if (!(await this.evaluations.modelVersionExists(ref.modelVersionId))) throw AppError.notFound('model version', ref.modelVersionId, { param: 'prm.modelVersionId' });
        return ref;
      case 'alias': {
        const modelVersionId = await this.evaluations.aliasTarget(ref.alias);
        if (!modelVersionId) throw AppError.notFound('model alias', ref.alias, { param: 'prm.alias' });
        return { kind: 'model', modelVersionId, alias: ref.alias };
      }
    }
  }
}

/**
 * Deployments: create / update / get / find / delete (archive), every mutation audited in its
 * transaction. Checks only the server can make: the strategy is a valid search config (the
 * library's rules, stored complete), a strategy that scores steps has a PRM, the model version or
 * alias exists, and its model kind is one this server can load.
 */
import { Inject, Injectable } from '@nestjs/common';
import type {
  Actor,
  DeploymentsService as DeploymentsServiceContract,
  TCreateDeploymentRequest,
  TDeleteDeploymentRequest,
  TDeployment,
  TDeploymentPrm,
  TFindDeploymentsRequest,
  TFindDeploymentsResponse,
  TGetDeploymentRequest,
  TUpdateDeploymentRequest,
} from '@prmbas/contracts';
import { Prisma } from '@prmbas/db';
import type { ModelRegistry } from '@prmbas/prm';
import { auditContextOf } from '../auth/auth.views';
import { AppError } from '../errors/app-error';
import { prmRefOf, toDeploymentView } from './deployment-view';
import { DeploymentsRepository, kindOfConfig, type DeploymentRow, type ModelVersionSummary, type PrmColumns } from './deployments.repository';
import { MODEL_REGISTRY } from './model-registry.provider';
import { SECRET_ENV, type SecretEnv } from './secret-env';
import { checkPrmForStrategy, parseStrategyOrThrow } from './strategy-config';

function prmColumns(prm: TDeploymentPrm): PrmColumns {
  return {
    prmModelVersionId: prm.kind === 'model' ? prm.modelVersionId : null,
    prmAliasName: prm.kind === 'alias' ? prm.alias : null,
    prmConfig: prm.kind === 'http' ? (prm as Prisma.InputJsonObject) : null,
  };
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

@Injectable()
export class DeploymentsService implements DeploymentsServiceContract {
  constructor(
    private readonly deployments: DeploymentsRepository,
    @Inject(MODEL_REGISTRY) private readonly registry: ModelRegistry,
    @Inject(SECRET_ENV) private readonly env: SecretEnv,
  ) {}

  async create(input: TCreateDeploymentRequest, actor: Actor): Promise<TDeployment> {
    const strategy = parseStrategyOrThrow(input.strategy);
    checkPrmForStrategy(strategy, input.prm.kind);
    await this.checkPrmTarget(input.prm);
    const row = await this.uniqueName(input.name, () =>
      this.deployments.create(
        {
          name: input.name,
          description: input.description ?? null,
          status: input.status,
          policyConfig: json(input.policy),
          strategyConfig: json(strategy),
          createdById: actor.user.id,
          ...prmColumns(input.prm),
        },
        auditContextOf(actor),
      ),
    );
    return this.view(row);
  }

  async update(input: TUpdateDeploymentRequest, actor: Actor): Promise<TDeployment> {
    const { id, ...fields } = input;
    const row = await this.uniqueName(fields.name ?? '', () =>
      this.deployments.update(
        id,
        'deployment.update',
        async (current) => {
          const prm = fields.prm ?? prmRefOf(current);
          const strategy = parseStrategyOrThrow(fields.strategy ?? current.strategyConfig);
          checkPrmForStrategy(strategy, prm.kind, fields.prm ? 'prm' : 'strategy');
          if (fields.prm) await this.checkPrmTarget(fields.prm);
          const data = {
            ...(fields.name === undefined ? {} : { name: fields.name }),
            ...(fields.description === undefined ? {} : { description: fields.description }),
            ...(fields.status === undefined ? {} : { status: fields.status }),
            ...(fields.policy === undefined ? {} : { policyConfig: json(fields.policy) }),
            ...(fields.strategy === undefined ? {} : { strategyConfig: json(strategy) }),
            ...(fields.prm === undefined ? {} : prmColumns(fields.prm)),
          };
          return Object.keys(data).length === 0 ? null : data;
        },
        auditContextOf(actor),
      ),
    );
    if (!row) throw AppError.notFound('deployment', id, { param: 'id' });
    return this.view(row);
  }

  async delete({ id }: TDeleteDeploymentRequest, actor: Actor): Promise<TDeployment> {
    const row = await this.deployments.update(id, 'deployment.archive', async (current) => (current.status === 'archived' ? null : { status: 'archived' }), auditContextOf(actor));
    if (!row) throw AppError.notFound('deployment', id, { param: 'id' });
    return this.view(row);
  }

  async get(input: TGetDeploymentRequest): Promise<TDeployment> {
    const row = 'id' in input ? await this.deployments.findById(input.id) : await this.deployments.findByName(input.name);
    if (!row) throw 'id' in input ? AppError.notFound('deployment', input.id, { param: 'id' }) : AppError.notFound('deployment', input.name, { param: 'name' });
    return this.view(row);
  }

  async find(filter: TFindDeploymentsRequest): Promise<TFindDeploymentsResponse> {
    const rows = await this.deployments.find(filter);
    const page = rows.slice(0, filter.limit);
    return { items: page.map((row) => this.view(row)), nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null };
  }

  private view(row: DeploymentRow): TDeployment {
    return toDeploymentView(row, this.env);
  }

  /** The model version or alias exists, and the version's kind is one this server can load. */
  private async checkPrmTarget(prm: TDeploymentPrm): Promise<void> {
    let version: ModelVersionSummary | null;
    if (prm.kind === 'model') {
      version = await this.deployments.modelVersion(prm.modelVersionId);
      if (!version) throw AppError.notFound('model version', prm.modelVersionId, { param: 'prm.modelVersionId' });
    } else if (prm.kind === 'alias') {
      const target = await this.deployments.aliasTarget(prm.alias);
      if (target === undefined) throw AppError.notFound('model alias', prm.alias, { param: 'prm.alias' });
      version = target;
    } else {
      return;
    }
    const kind = version ? kindOfConfig(version.config) : null;
    if (version && kind !== null && !this.registry.canLoad(kind)) {
      const known = this.registry.kinds().filter((k) => this.registry.canLoad(k));
      throw AppError.unprocessable(
        `model version v${version.version} is a '${kind}' PRM, which this API server cannot load (loadable kinds: ${known.length ? known.join(', ') : 'none'}; MODEL_PLUGINS adds more)`,
        { param: prm.kind === 'model' ? 'prm.modelVersionId' : 'prm.alias' },
      );
    }
  }

  /** A taken name is a 409 naming the field. */
  private async uniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw AppError.conflict(`a deployment named '${name}' already exists (archived ones keep their name)`, { param: 'name' });
      }
      throw error;
    }
  }
}

/**
 * A deployment name (the OpenAI `model`) → a live (Policy, Prm) pair for one served request.
 *
 * Per request: one query reads the deployment and where its alias points now, so an alias move or
 * a config change takes effect on the next request. The parts built from configs (the policy, an
 * external reward server, the parsed strategy) are reused while the deployment's `updatedAt` is
 * unchanged — an OpenAI-compatible policy keeps one in-flight limit for all requests that way.
 * PRMs loaded from model versions are cached by version id (LoadedPrmCache) and leased for the
 * duration of a search.
 */
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { TDeploymentPolicy, TDeploymentPrm } from '@prmbas/contracts';
import { initBackend, ModelLoadError, UnknownModelKindError, type ModelRegistry, type ScorerSetup } from '@prmbas/prm';
import type { Policy, Prm, SearchConfig } from '@prmbas/search';
import type { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { AppError } from '../errors/app-error';
import { ROOT_LOGGER } from '../logging/logging.module';
import { prmRefOf } from './deployment-view';
import { DeploymentsRepository, type ServingDeploymentRow } from './deployments.repository';
import { createHttpPrm, createPolicy } from './live-components';
import { LoadedPrmCache } from './loaded-prm-cache';
import { MODEL_REGISTRY } from './model-registry.provider';
import { SECRET_ENV, type SecretEnv } from './secret-env';
import { parseStrategyOrThrow } from './strategy-config';

/** Distinct model versions kept loaded at once (each holds its weights in memory). */
const LOADED_PRM_CAPACITY = 4;

export interface ServingDeployment {
  id: string;
  name: string;
  policy: TDeploymentPolicy;
  prm: TDeploymentPrm;
  /** The stored strategy, complete. */
  strategy: SearchConfig;
}

export interface LiveDeployment {
  deployment: ServingDeployment;
  policy: Policy;
  /** Undefined for `prm: none`. */
  prm: Prm | undefined;
  /** The model version this request uses (an alias resolved now); null for http / none. */
  prmModelVersionId: string | null;
  /** Return the leased PRM; call once when the search is over. */
  release(): void;
}

interface ConfigParts {
  updatedAt: number;
  deployment: ServingDeployment;
  policy: Policy;
  httpPrm: Prm | undefined;
}

@Injectable()
export class DeploymentResolver implements OnModuleDestroy {
  private readonly parts = new Map<string, ConfigParts>();
  private readonly prms: LoadedPrmCache;
  private backend: Promise<unknown> | null = null;

  constructor(
    private readonly repository: DeploymentsRepository,
    @Inject(MODEL_REGISTRY) private readonly registry: ModelRegistry,
    @Inject(SECRET_ENV) private readonly env: SecretEnv,
    private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.prms = new LoadedPrmCache((id) => this.loadVersion(id), LOADED_PRM_CAPACITY);
  }

  onModuleDestroy(): void {
    this.prms.clear();
  }

  /** 404 (`param`: model) for unknown and archived deployments, 409 for paused ones. */
  async resolve(name: string): Promise<LiveDeployment> {
    const row = await this.repository.findForServing(name);
    if (!row || row.status === 'archived') {
      const why = row ? ' (it is archived)' : '';
      throw new AppError('not_found', `The model '${name}' does not exist${why}: it must name an active deployment (GET /v1/models lists them).`, {
        param: 'model',
        code: 'model_not_found',
      });
    }
    if (row.status === 'paused') {
      throw AppError.conflict(`The deployment '${name}' is paused; an admin or researcher can set it active again.`, { param: 'model', code: 'deployment_paused' });
    }
    const parts = this.partsOf(row);
    const versionId = row.prmModelVersionId ?? row.prmAlias?.modelVersionId ?? null;
    if (versionId === null) {
      return { deployment: parts.deployment, policy: parts.policy, prm: parts.httpPrm, prmModelVersionId: null, release: () => undefined };
    }
    let lease;
    try {
      lease = await this.prms.acquire(versionId);
    } catch (error) {
      const reason = error instanceof AppError ? error.message : (error as Error).message;
      if (!(error instanceof AppError || error instanceof ModelLoadError || error instanceof UnknownModelKindError)) {
        this.logger.error({ err: error, deployment: name, modelVersionId: versionId }, 'loading a PRM failed');
      }
      throw AppError.unavailable(`deployment '${name}': its PRM (model version ${versionId}) cannot be loaded: ${reason}`, { code: 'prm_unavailable', cause: error });
    }
    return { deployment: parts.deployment, policy: parts.policy, prm: lease.setup.prm, prmModelVersionId: versionId, release: lease.release };
  }

  /** Model versions loaded now (for tests and diagnostics). */
  loadedVersions(): string[] {
    return this.prms.keys();
  }

  private partsOf(row: ServingDeploymentRow): ConfigParts {
    const cached = this.parts.get(row.id);
    if (cached && cached.updatedAt === row.updatedAt.getTime()) return cached;
    const policyConfig = row.policyConfig as unknown as TDeploymentPolicy;
    const prm = prmRefOf(row);
    const deployment: ServingDeployment = { id: row.id, name: row.name, policy: policyConfig, prm, strategy: parseStrategyOrThrow(row.strategyConfig) };
    const fresh: ConfigParts = {
      updatedAt: row.updatedAt.getTime(),
      deployment,
      policy: createPolicy(policyConfig, this.env, row.name),
      httpPrm: prm.kind === 'http' ? createHttpPrm(prm, this.env, row.name) : undefined,
    };
    this.parts.set(row.id, fresh);
    return fresh;
  }

  private async loadVersion(id: string): Promise<ScorerSetup> {
    this.backend ??= initBackend({
      prefer: this.config.models.backend,
      logger: { info: (message, data) => this.logger.info({ component: 'tfjs', ...data }, message) },
    });
    await this.backend;
    const stored = await this.repository.artifact(id);
    if (!stored) throw new ModelLoadError(`model version ${id} does not exist`);
    const started = performance.now();
    const loaded = await this.registry.loadPrm(stored.bytes, { kind: stored.kind });
    this.logger.info({ modelVersionId: id, version: stored.version, kind: loaded.kind, ms: Math.round(performance.now() - started) }, 'PRM loaded for served search');
    return loaded;
  }
}

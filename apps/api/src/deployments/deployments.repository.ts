/** The only place the deployments domain touches Prisma. */
import { Inject, Injectable } from '@nestjs/common';
import type { TFindDeploymentsRequest } from '@prmbas/contracts';
import { auditedMutation, Prisma, readModelArtifact, type AuditContext, type Db, type PrismaClient } from '@prmbas/db';
import { PRISMA } from '../database/prisma.token';

const versionSummary = { select: { id: true, version: true, name: true, config: true } } as const;

/** What a deployment view needs: the row, its PRM target and its author. */
export const DEPLOYMENT_INCLUDE = {
  prmModelVersion: versionSummary,
  prmAlias: { select: { modelVersion: versionSummary } },
  createdBy: { select: { id: true, email: true } },
} as const satisfies Prisma.DeploymentInclude;

export type DeploymentRow = Prisma.DeploymentGetPayload<{ include: typeof DEPLOYMENT_INCLUDE }>;

/** What serving needs per request, in one query: the row and where its alias points now. */
const SERVING_SELECT = {
  id: true,
  name: true,
  status: true,
  policyConfig: true,
  strategyConfig: true,
  prmModelVersionId: true,
  prmAliasName: true,
  prmConfig: true,
  updatedAt: true,
  prmAlias: { select: { modelVersionId: true } },
} as const satisfies Prisma.DeploymentSelect;

export type ServingDeploymentRow = Prisma.DeploymentGetPayload<{ select: typeof SERVING_SELECT }>;

export interface ModelVersionSummary {
  id: string;
  version: number;
  name: string;
  config: Prisma.JsonValue;
}

@Injectable()
export class DeploymentsRepository {
  constructor(@Inject(PRISMA) readonly prisma: PrismaClient) {}

  findById(id: string, db: Db = this.prisma): Promise<DeploymentRow | null> {
    return db.deployment.findUnique({ where: { id }, include: DEPLOYMENT_INCLUDE });
  }

  /** Insert with its audit row, in one transaction. */
  create(data: { name: string; description: string | null; status: 'active' | 'paused'; policyConfig: Prisma.InputJsonValue; strategyConfig: Prisma.InputJsonValue; createdById: string } & PrmColumns, audit: AuditContext): Promise<DeploymentRow> {
    return auditedMutation(this.prisma, audit, async (tx) => {
      const created = await tx.deployment.create({ data: { ...data, prmConfig: data.prmConfig ?? Prisma.DbNull }, include: DEPLOYMENT_INCLUDE });
      return { result: created, audit: { action: 'deployment.create', entityType: 'deployment', entityId: created.id, after: created } };
    });
  }

  /**
   * Change a deployment under a row lock, with its audit row (`action`); `change` sees the current
   * row and returns the columns to write, or null when there is nothing to change (no audit row).
   */
  update(
    id: string,
    action: string,
    change: (current: DeploymentRow) => Promise<Partial<Omit<Prisma.DeploymentUncheckedUpdateInput, 'prmConfig'> & { prmConfig: Prisma.InputJsonValue | null }> | null>,
    audit: AuditContext,
  ): Promise<DeploymentRow | null> {
    return auditedMutation(this.prisma, audit, async (tx) => {
      await tx.$queryRaw`SELECT id FROM deployments WHERE id = ${id}::uuid FOR UPDATE`;
      const current = await this.findById(id, tx);
      if (!current) return { result: null, audit: [] };
      const data = await change(current);
      if (data === null) return { result: current, audit: [] };
      const { prmConfig, ...rest } = data;
      const updated = await tx.deployment.update({
        where: { id },
        data: { ...rest, ...(prmConfig === undefined ? {} : { prmConfig: prmConfig ?? Prisma.DbNull }) },
        include: DEPLOYMENT_INCLUDE,
      });
      return { result: updated, audit: { action, entityType: 'deployment', entityId: id, before: current, after: updated } };
    });
  }

  findByName(name: string): Promise<DeploymentRow | null> {
    return this.prisma.deployment.findUnique({ where: { name }, include: DEPLOYMENT_INCLUDE });
  }

  /** Newest first (ids are UUIDv7, time-ordered); `cursor` = the last id of the previous page. */
  find(filter: TFindDeploymentsRequest): Promise<DeploymentRow[]> {
    const status = filter.status ? { status: filter.status } : filter.includeArchived ? {} : { status: { not: 'archived' as const } };
    return this.prisma.deployment.findMany({
      where: { ...status, ...(filter.cursor ? { id: { lt: filter.cursor } } : {}) },
      include: DEPLOYMENT_INCLUDE,
      orderBy: { id: 'desc' },
      take: filter.limit + 1,
    });
  }

  /** Active deployments by name, for GET /v1/models. */
  listActive(): Promise<Array<{ name: string; createdAt: Date; strategyConfig: Prisma.JsonValue }>> {
    return this.prisma.deployment.findMany({ where: { status: 'active' }, select: { name: true, createdAt: true, strategyConfig: true }, orderBy: { name: 'asc' } });
  }

  findForServing(name: string): Promise<ServingDeploymentRow | null> {
    return this.prisma.deployment.findUnique({ where: { name }, select: SERVING_SELECT });
  }

  modelVersion(id: string): Promise<ModelVersionSummary | null> {
    return this.prisma.modelVersion.findUnique({ where: { id }, select: versionSummary.select });
  }

  async aliasTarget(name: string): Promise<ModelVersionSummary | null | undefined> {
    const alias = await this.prisma.modelAlias.findUnique({ where: { name }, select: { modelVersion: versionSummary } });
    return alias === null ? undefined : alias.modelVersion;
  }

  /** A model version's artifact bytes and the kind its row records (null: unknown version). */
  async artifact(modelVersionId: string): Promise<{ bytes: Uint8Array; kind: string | null; version: number } | null> {
    const stored = await readModelArtifact(this.prisma, modelVersionId);
    if (!stored) return null;
    return { bytes: stored.bytes, kind: kindOfConfig(stored.modelVersion.config), version: stored.modelVersion.version };
  }
}

/** `ModelVersion.config.kind`, as the trainer writes it. */
export function kindOfConfig(config: Prisma.JsonValue | null): string | null {
  if (config && typeof config === 'object' && !Array.isArray(config)) {
    const kind = (config as Record<string, unknown>)['kind'];
    if (typeof kind === 'string' && kind !== '') return kind;
  }
  return null;
}

/** The PRM columns of a deployment: at most one set (CHECK `deployments_prm_check`). */
export interface PrmColumns {
  prmModelVersionId: string | null;
  prmAliasName: string | null;
  prmConfig: Prisma.InputJsonValue | null;
}

/** The only place the models domain touches Prisma: versions, their artifact bytes, aliases. */
import { Inject, Injectable } from '@nestjs/common';
import type { TFindModelVersionsRequest } from '@prmbas/contracts';
import { moveAlias, type AuditContext, type ModelAlias, type MoveAliasInput, type MoveAliasResult, type Prisma, type PrismaClient } from '@prmbas/db';
import { PRISMA } from '../database/prisma.token';

/** What a version view shows: artifact facts (never the bytes), aliases, lineage, creator. */
export const VERSION_VIEW_INCLUDE = {
  artifactBlob: { select: { sha256: true, byteSize: true, contentType: true } },
  aliases: { select: { name: true }, orderBy: { name: 'asc' } },
  trainingRun: { select: { id: true, name: true, status: true, backend: true, workerId: true, startedAt: true, finishedAt: true } },
  datasetVersion: { select: { id: true, datasetId: true, version: true, status: true, digest: true, dataset: { select: { name: true } } } },
  checkpoint: { select: { id: true, step: true, createdAt: true } },
  createdBy: { select: { id: true, email: true } },
} as const satisfies Prisma.ModelVersionInclude;
export type VersionWithLineage = Prisma.ModelVersionGetPayload<{ include: typeof VERSION_VIEW_INCLUDE }>;

export const ALIAS_VIEW_INCLUDE = {
  modelVersion: { select: { id: true, version: true, name: true } },
  updatedBy: { select: { id: true, email: true } },
} as const satisfies Prisma.ModelAliasInclude;
export type AliasWithTarget = Prisma.ModelAliasGetPayload<{ include: typeof ALIAS_VIEW_INCLUDE }>;

export interface ArtifactInfo {
  modelVersionId: string;
  version: number;
  name: string;
  blobId: string;
  sha256: string;
  byteSize: number;
  contentType: string;
  storage: 'postgres' | 'disk';
}

@Injectable()
export class ModelsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findVersion(id: string): Promise<VersionWithLineage | null> {
    return this.prisma.modelVersion.findUnique({ where: { id }, include: VERSION_VIEW_INCLUDE });
  }

  /** Newest first (ids are UUIDv7); one extra row says whether more exist. */
  findVersions(filter: TFindModelVersionsRequest): Promise<VersionWithLineage[]> {
    return this.prisma.modelVersion.findMany({
      where: {
        ...(filter.name ? { name: { contains: filter.name, mode: 'insensitive' } } : {}),
        ...(filter.trainingRunId ? { trainingRunId: filter.trainingRunId } : {}),
        ...(filter.datasetVersionId ? { datasetVersionId: filter.datasetVersionId } : {}),
        ...(filter.cursor ? { id: { lt: filter.cursor } } : {}),
      },
      orderBy: { id: 'desc' },
      take: filter.limit + 1,
      include: VERSION_VIEW_INCLUDE,
    });
  }

  findAliases(): Promise<AliasWithTarget[]> {
    return this.prisma.modelAlias.findMany({ orderBy: { name: 'asc' }, include: ALIAS_VIEW_INCLUDE });
  }

  /** An alias row (e.g. as a move returned it) with its target and updater, for the view. */
  async describeAlias(alias: ModelAlias): Promise<AliasWithTarget> {
    const [modelVersion, updatedBy] = await Promise.all([
      this.prisma.modelVersion.findUniqueOrThrow({ where: { id: alias.modelVersionId }, select: ALIAS_VIEW_INCLUDE.modelVersion.select }),
      alias.updatedById ? this.prisma.user.findUnique({ where: { id: alias.updatedById }, select: ALIAS_VIEW_INCLUDE.updatedBy.select }) : null,
    ]);
    return { ...alias, modelVersion, updatedBy };
  }

  /** One transaction, serialised per name, compare-and-set, audit row (libs/db moveAlias). */
  moveAlias(context: AuditContext, input: MoveAliasInput): Promise<MoveAliasResult> {
    return moveAlias(this.prisma, context, input);
  }

  /** The audit rows of an alias' moves, newest first: its history. */
  aliasMoves(name: string, limit: number) {
    return this.prisma.auditLog.findMany({
      where: { entityType: 'model_alias', entityId: name, action: 'model_alias.move' },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      select: { createdAt: true, actor: true, before: true, after: true, requestId: true },
    });
  }

  async artifactInfo(modelVersionId: string): Promise<ArtifactInfo | null> {
    const row = await this.prisma.modelVersion.findUnique({
      where: { id: modelVersionId },
      select: { id: true, version: true, name: true, artifactBlob: { select: { id: true, sha256: true, byteSize: true, contentType: true, storage: true } } },
    });
    if (!row) return null;
    const blob = row.artifactBlob;
    return { modelVersionId: row.id, version: row.version, name: row.name, blobId: blob.id, sha256: blob.sha256, byteSize: blob.byteSize, contentType: blob.contentType, storage: blob.storage };
  }

  /** `length` bytes of a Postgres blob from `offset` (0-based): artifacts stream without being held whole in memory. */
  async readBlobChunk(blobId: string, offset: number, length: number): Promise<Uint8Array> {
    const rows = await this.prisma.$queryRaw<{ chunk: Uint8Array | null }[]>`
      SELECT substring(data FROM ${offset + 1}::int FOR ${length}::int) AS chunk FROM blobs WHERE id = ${blobId}::uuid`;
    const chunk = rows[0]?.chunk;
    if (!chunk) throw new Error(`blob ${blobId} has no bytes in Postgres`);
    return chunk;
  }
}

/** Where the traces domain reads Prisma (the hot write of a served request is TraceWriter's). */
import { Inject, Injectable } from '@nestjs/common';
import type { TFindTracesRequest } from '@prmbas/contracts';
import type { Prisma, PrismaClient } from '@prmbas/db';
import { PRISMA } from '../database/prisma.token';

export const TRACE_SUMMARY_INCLUDE = {
  deployment: { select: { id: true, name: true } },
  _count: { select: { images: true } },
} as const satisfies Prisma.TraceInclude;

export const TRACE_INCLUDE = {
  deployment: { select: { id: true, name: true } },
  _count: { select: { images: true } },
  images: { orderBy: { position: 'asc' }, include: { blob: { select: { id: true, sha256: true, contentType: true, byteSize: true } } } },
} as const satisfies Prisma.TraceInclude;

export type TraceSummaryRow = Prisma.TraceGetPayload<{ include: typeof TRACE_SUMMARY_INCLUDE }>;
export type TraceRow = Prisma.TraceGetPayload<{ include: typeof TRACE_INCLUDE }>;

@Injectable()
export class TracesRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  get(id: string): Promise<TraceRow | null> {
    return this.prisma.trace.findUnique({ where: { id }, include: TRACE_INCLUDE });
  }

  /** Newest first (ids are UUIDv7, time-ordered); `cursor` = the last id of the previous page. */
  find(filter: TFindTracesRequest): Promise<TraceSummaryRow[]> {
    return this.prisma.trace.findMany({ where: whereOf(filter), include: TRACE_SUMMARY_INCLUDE, orderBy: { id: 'desc' }, take: filter.limit + 1 });
  }

  /** The bytes of a trace's image at `position` (Postgres blobs; null: no such image). */
  async image(traceId: string, position: number): Promise<{ data: Uint8Array; mime: string } | null> {
    const row = await this.prisma.traceImage.findUnique({
      where: { traceId_position: { traceId, position } },
      select: { blob: { select: { data: true, contentType: true } } },
    });
    if (!row?.blob.data) return null;
    return { data: new Uint8Array(row.blob.data), mime: row.blob.contentType };
  }
}

function range(min: number | undefined, max: number | undefined): { gte?: number; lte?: number } | undefined {
  if (min === undefined && max === undefined) return undefined;
  return { ...(min === undefined ? {} : { gte: min }), ...(max === undefined ? {} : { lte: max }) };
}

function whereOf(f: TFindTracesRequest): Prisma.TraceWhereInput {
  const where: Prisma.TraceWhereInput = {};
  if (f.deploymentId) where.deploymentId = f.deploymentId;
  if (f.deployment) where.deployment = { name: f.deployment };
  if (f.status) where.status = f.status;
  if (f.correctness) where.correct = f.correctness === 'unknown' ? null : f.correctness === 'correct';
  if (f.apiKeyId) where.apiKeyId = f.apiKeyId;
  if (f.withError !== undefined) where.error = f.withError ? { not: null } : null;
  const steps = range(f.minGeneratedSteps, f.maxGeneratedSteps);
  if (steps) where.generatedSteps = steps;
  const tokens = range(f.minTokens, f.maxTokens);
  if (tokens) where.tokens = tokens;
  const latency = range(f.minLatencyMs, f.maxLatencyMs);
  if (latency) where.latencyMs = latency;
  if (f.from || f.to) where.createdAt = { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.to ? { lt: new Date(f.to) } : {}) };
  if (f.cursor) where.id = { lt: f.cursor };
  return where;
}

/**
 * Annotation queues and their items in Postgres: creating a queue with its items (and adding more),
 * choosing candidates (uncertain dataset steps, filtered traces), progress counts, item reads and
 * what an export of trace labels needs. Lock-aware changes are in annotation-locks.repository.ts.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { TAnnotationProgress } from '@prmbas/contracts';
import { auditedMutation, Prisma, type AnnotationQueue, type AnnotationQueueKind, type AuditContext, type PrismaClient } from '@prmbas/db';
import { PRISMA } from '../database/prisma.token';
import { AppError } from '../errors/app-error';
import { ITEM_INCLUDE, type ItemRow } from './annotation-items.include';

export interface NewItem {
  traceId?: string;
  datasetStepId?: string;
  priority: number;
  suggestedScore: number | null;
  suggestion: Record<string, unknown> | null;
}

export type QueueRow = AnnotationQueue & { createdBy: { id: string; email: string } | null };

export interface StepCandidate {
  id: string;
  value: number;
}

export interface TraceCandidate {
  id: string;
  tree: Prisma.JsonValue;
  answerNode: number | null;
}

const BATCH = 1000;
const EMPTY_PROGRESS: TAnnotationProgress = { total: 0, pending: 0, inProgress: 0, done: 0, skipped: 0 };

@Injectable()
export class AnnotationQueuesRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** The queue and its items in one transaction, audited; a taken name is 409. */
  async createQueue(
    audit: AuditContext,
    queue: { name: string; description: string | null; kind: AnnotationQueueKind; lockTtlSeconds: number; source: Record<string, unknown>; createdById: string | null },
    items: readonly NewItem[],
  ): Promise<QueueRow> {
    try {
      return await auditedMutation(
        this.prisma,
        audit,
        async (tx) => {
          const created = await tx.annotationQueue.create({
            data: {
              name: queue.name,
              description: queue.description,
              kind: queue.kind,
              lockTtlSeconds: queue.lockTtlSeconds,
              filter: { sources: [queue.source] } as Prisma.InputJsonObject,
              createdById: queue.createdById,
            },
            include: { createdBy: { select: { id: true, email: true } } },
          });
          const added = await this.insertItems(tx, created.id, items);
          return { result: created, audit: { action: 'annotation_queue.create', entityType: 'annotation_queue', entityId: created.id, after: { ...created, items: added } } };
        },
        { timeoutMs: 60_000 },
      );
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw AppError.conflict(`an annotation queue named '${queue.name}' already exists`, { param: 'name' });
      throw error;
    }
  }

  /** More items (those already queued are skipped); the source is recorded in the queue's filter. */
  addItems(audit: AuditContext, queueId: string, source: Record<string, unknown>, items: readonly NewItem[]): Promise<number> {
    return auditedMutation(
      this.prisma,
      audit,
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM annotation_queues WHERE id = ${queueId}::uuid FOR UPDATE`;
        const queue = await tx.annotationQueue.findUniqueOrThrow({ where: { id: queueId } });
        const filter = (queue.filter ?? {}) as { sources?: unknown[] };
        await tx.annotationQueue.update({ where: { id: queueId }, data: { filter: { ...filter, sources: [...(filter.sources ?? []), source] } as Prisma.InputJsonObject } });
        const added = await this.insertItems(tx, queueId, items);
        return { result: added, audit: { action: 'annotation_queue.add_items', entityType: 'annotation_queue', entityId: queueId, after: { source, added } } };
      },
      { timeoutMs: 60_000 },
    );
  }

  private async insertItems(tx: Prisma.TransactionClient, queueId: string, items: readonly NewItem[]): Promise<number> {
    let added = 0;
    for (let i = 0; i < items.length; i += BATCH) {
      const { count } = await tx.annotationItem.createMany({
        data: items.slice(i, i + BATCH).map((item) => ({
          queueId,
          traceId: item.traceId ?? null,
          datasetStepId: item.datasetStepId ?? null,
          priority: item.priority,
          suggestedScore: item.suggestedScore,
          suggestion: item.suggestion ? (item.suggestion as Prisma.InputJsonObject) : Prisma.DbNull,
        })),
        skipDuplicates: true,
      });
      added += count;
    }
    return added;
  }

  findQueue(id: string): Promise<QueueRow | null> {
    return this.prisma.annotationQueue.findUnique({ where: { id }, include: { createdBy: { select: { id: true, email: true } } } });
  }

  findQueues(filter: { limit: number; cursor?: string }): Promise<QueueRow[]> {
    return this.prisma.annotationQueue.findMany({
      where: filter.cursor ? { id: { lt: filter.cursor } } : {},
      orderBy: { id: 'desc' },
      take: filter.limit + 1,
      include: { createdBy: { select: { id: true, email: true } } },
    });
  }

  /** Item counts per queue by state, on the database clock (a lock past its expiry counts as pending). */
  async progressOf(queueIds: string[]): Promise<Map<string, TAnnotationProgress>> {
    if (queueIds.length === 0) return new Map();
    const rows = await this.prisma.$queryRaw<{ q: string; total: bigint; pending: bigint; in_progress: bigint; done: bigint; skipped: bigint }[]>`
      SELECT queue_id::text AS q, count(*) AS total,
             count(*) FILTER (WHERE status = 'pending' OR (status = 'in_progress' AND (lock_expires_at IS NULL OR lock_expires_at <= now()))) AS pending,
             count(*) FILTER (WHERE status = 'in_progress' AND lock_expires_at > now()) AS in_progress,
             count(*) FILTER (WHERE status = 'done') AS done,
             count(*) FILTER (WHERE status = 'skipped') AS skipped
        FROM annotation_items WHERE queue_id = ANY(${queueIds}::uuid[]) GROUP BY queue_id`;
    const map = new Map(queueIds.map((id) => [id, EMPTY_PROGRESS]));
    for (const r of rows) map.set(r.q, { total: Number(r.total), pending: Number(r.pending), inProgress: Number(r.in_progress), done: Number(r.done), skipped: Number(r.skipped) });
    return map;
  }

  // ─── candidates ───

  datasetVersionStatus(id: string) {
    return this.prisma.datasetVersion.findUnique({ where: { id }, select: { id: true, status: true } });
  }

  /** Steps of a version with value in [min, max], most uncertain first (closest to 0.5). */
  stepCandidates(source: { datasetVersionId: string; valueMin: number; valueMax: number; includeSiblings: boolean; unlabelledOnly: boolean; limit: number }): Promise<StepCandidate[]> {
    return this.prisma.$queryRaw<StepCandidate[]>`
      SELECT t.id::text AS id, t.value
        FROM dataset_steps t
        JOIN dataset_solutions s ON s.id = t.solution_id
        JOIN dataset_questions q ON q.id = s.question_id
       WHERE s.dataset_version_id = ${source.datasetVersionId}::uuid
         AND t.value >= ${source.valueMin} AND t.value <= ${source.valueMax}
         AND (${source.includeSiblings} OR t.sibling_index = 0)
         AND (NOT ${source.unlabelledOnly} OR NOT EXISTS (SELECT 1 FROM dataset_step_labels l WHERE l.step_id = t.id))
       ORDER BY abs(t.value - 0.5), q.external_id, s.solution_index, t.position, t.sibling_index
       LIMIT ${source.limit}`;
  }

  /** Traces by ids or by deployment / correctness / time window, newest first. */
  traceCandidates(source: { traceIds?: string[]; deploymentId?: string; correct?: boolean; from?: string; to?: string; limit: number }): Promise<TraceCandidate[]> {
    return this.prisma.trace.findMany({
      where: {
        ...(source.traceIds ? { id: { in: source.traceIds } } : {}),
        ...(source.deploymentId ? { deploymentId: source.deploymentId } : {}),
        ...(source.correct !== undefined ? { correct: source.correct } : {}),
        ...(source.from || source.to ? { createdAt: { ...(source.from ? { gte: new Date(source.from) } : {}), ...(source.to ? { lte: new Date(source.to) } : {}) } } : {}),
      },
      orderBy: { createdAt: 'desc' },
      take: source.limit,
      select: { id: true, tree: true, answerNode: true },
    });
  }

  // ─── items ───

  findItem(id: string): Promise<ItemRow | null> {
    return this.prisma.annotationItem.findUnique({ where: { id }, include: ITEM_INCLUDE });
  }

  findItems(filter: { queueId: string; status?: ItemRow['status']; limit: number; cursor?: string }): Promise<ItemRow[]> {
    return this.prisma.annotationItem.findMany({
      where: { queueId: filter.queueId, ...(filter.status ? { status: filter.status } : {}), ...(filter.cursor ? { id: { gt: filter.cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: filter.limit + 1,
      include: ITEM_INCLUDE,
    });
  }

  /** A trace item's image (for the annotation view), with its bytes. */
  async traceImage(itemId: string, position: number): Promise<{ sha256: string; contentType: string; byteSize: number; data: Uint8Array | null } | null> {
    const item = await this.prisma.annotationItem.findUnique({ where: { id: itemId }, select: { traceId: true } });
    if (!item?.traceId) return null;
    const image = await this.prisma.traceImage.findUnique({
      where: { traceId_position: { traceId: item.traceId, position } },
      select: { blob: { select: { sha256: true, contentType: true, byteSize: true, data: true } } },
    });
    if (!image) return null;
    return { ...image.blob, data: image.blob.data ? new Uint8Array(image.blob.data) : null };
  }

  /** The queue's trace items that carry labels, with their traces and the first image's blob. */
  labelledTraceItems(queueId: string) {
    return this.prisma.annotationItem.findMany({
      where: { queueId, traceId: { not: null }, labels: { some: {} } },
      orderBy: { id: 'asc' },
      include: {
        labels: { orderBy: [{ nodeId: 'asc' }, { createdAt: 'asc' }] },
        trace: {
          select: {
            id: true,
            deploymentId: true,
            questionText: true,
            goldAnswer: true,
            answerNode: true,
            tree: true,
            images: { where: { position: 0 }, select: { blobId: true, source: true } },
          },
        },
      },
    });
  }
}

export type LabelledTraceItem = Awaited<ReturnType<AnnotationQueuesRepository['labelledTraceItems']>>[number];

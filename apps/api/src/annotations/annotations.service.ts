/**
 * Annotation queues for the tRPC router (AnnotationsService of @prmbas/contracts). Queues hold
 * dataset steps (the uncertain ones, by default) or served traces; annotators take one item at a
 * time under a lock (annotation-locks.repository.ts), see the suggested score stored when the item
 * was queued, and label it. A step label becomes the annotator's StepLabel on the dataset step
 * (allowed on frozen versions: labels are not content); trace labels stay on the item per tree node
 * until a researcher exports them as a new dataset version.
 */
import { Injectable } from '@nestjs/common';
import type {
  Actor,
  AnnotationsService as AnnotationsServiceContract,
  TAddAnnotationItemsRequest,
  TAddAnnotationItemsResponse,
  TAnnotationItem,
  TAnnotationQueue,
  TAnnotationSource,
  TCreateAnnotationQueueRequest,
  TExportAnnotationsRequest,
  TExportAnnotationsResponse,
  TFindAnnotationItemsRequest,
  TFindAnnotationItemsResponse,
  TFindAnnotationQueuesRequest,
  TFindAnnotationQueuesResponse,
  TGetAnnotationItemRequest,
  TGetAnnotationQueueRequest,
  TNextAnnotationItemRequest,
  TNextAnnotationItemResponse,
  TReleaseAnnotationItemRequest,
  TSkipAnnotationItemRequest,
  TSubmitAnnotationRequest,
} from '@prmbas/contracts';
import { auditContextOf } from '../auth/auth.views';
import { DatasetWriterRepository, type PreparedQuestion, type PreparedSolution } from '../datasets/dataset-writer.repository';
import { DatasetsService } from '../datasets/datasets.service';
import { AppError } from '../errors/app-error';
import type { ItemRow } from './annotation-items.include';
import { AnnotationLocksRepository } from './annotation-locks.repository';
import { AnnotationQueuesRepository, type NewItem, type QueueRow } from './annotation-queues.repository';
import { toItemView, toQueueView } from './annotation-views';
import { pathTo, traceLabelRecords, treeNodes } from './trace-label-records';

@Injectable()
export class AnnotationsService implements AnnotationsServiceContract {
  constructor(
    private readonly queues: AnnotationQueuesRepository,
    private readonly locks: AnnotationLocksRepository,
    private readonly writer: DatasetWriterRepository,
    private readonly datasets: DatasetsService,
  ) {}

  async createQueue(input: TCreateAnnotationQueueRequest, actor: Actor): Promise<TAnnotationQueue> {
    const items = await this.itemsFrom(input.source);
    const row = await this.queues.createQueue(
      auditContextOf(actor),
      {
        name: input.name,
        description: input.description ?? null,
        kind: input.source.kind === 'dataset' ? 'steps' : 'traces',
        lockTtlSeconds: input.lockTtlSeconds,
        source: input.source,
        createdById: actor.user.id,
      },
      items,
    );
    return this.queueView(row);
  }

  async addItems(input: TAddAnnotationItemsRequest, actor: Actor): Promise<TAddAnnotationItemsResponse> {
    const queue = await this.requireQueue(input.queueId, 'queueId');
    const kind = input.source.kind === 'dataset' ? 'steps' : 'traces';
    if (kind !== queue.kind) throw AppError.unprocessable(`queue '${queue.name}' holds ${queue.kind}; a ${input.source.kind} source adds ${kind}`, { param: 'source.kind' });
    const added = await this.queues.addItems(auditContextOf(actor), queue.id, input.source, await this.itemsFrom(input.source));
    return { added, queue: await this.queueView((await this.queues.findQueue(queue.id))!) };
  }

  async findQueues(input: TFindAnnotationQueuesRequest): Promise<TFindAnnotationQueuesResponse> {
    const rows = await this.queues.findQueues(input);
    const page = rows.slice(0, input.limit);
    const progress = await this.queues.progressOf(page.map((q) => q.id));
    return { items: page.map((q) => toQueueView(q, progress.get(q.id)!)), nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
  }

  async getQueue({ id }: TGetAnnotationQueueRequest): Promise<TAnnotationQueue> {
    return this.queueView(await this.requireQueue(id, 'id'));
  }

  async findItems(input: TFindAnnotationItemsRequest): Promise<TFindAnnotationItemsResponse> {
    await this.requireQueue(input.queueId, 'queueId');
    const rows = await this.queues.findItems(input);
    const page = rows.slice(0, input.limit);
    const now = new Date();
    return { items: page.map((row) => toItemView(row, now)), nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
  }

  async getItem({ id }: TGetAnnotationItemRequest): Promise<TAnnotationItem> {
    return toItemView(await this.requireItem(id, 'id'), new Date());
  }

  async next({ queueId }: TNextAnnotationItemRequest, actor: Actor): Promise<TNextAnnotationItemResponse> {
    const queue = await this.requireQueue(queueId, 'queueId');
    const itemId = await this.locks.claimNext(auditContextOf(actor), queue.id, actor.user.id, queue.lockTtlSeconds);
    return { item: itemId ? toItemView((await this.queues.findItem(itemId))!, new Date()) : null };
  }

  async submit(input: TSubmitAnnotationRequest, actor: Actor): Promise<TAnnotationItem> {
    const item = await this.requireItem(input.itemId, 'itemId');
    checkLabels(item, input);
    await this.locks.submit(auditContextOf(actor), item.id, actor.user.id, {
      labels: input.labels.map((l) => ({ nodeId: l.nodeId ?? null, label: l.label, comment: l.comment ?? null })),
      answerCorrect: input.answerCorrect,
      note: input.note,
      finish: input.finish,
    });
    return this.getItem({ id: item.id });
  }

  async skip({ itemId }: TSkipAnnotationItemRequest, actor: Actor): Promise<TAnnotationItem> {
    await this.locks.giveBack(auditContextOf(actor), itemId, actor.user.id, 'skip');
    return this.getItem({ id: itemId });
  }

  async release({ itemId }: TReleaseAnnotationItemRequest, actor: Actor): Promise<TAnnotationItem> {
    await this.locks.giveBack(auditContextOf(actor), itemId, actor.user.id, 'release');
    return this.getItem({ id: itemId });
  }

  async exportToDataset(input: TExportAnnotationsRequest, actor: Actor): Promise<TExportAnnotationsResponse> {
    const queue = await this.requireQueue(input.queueId, 'queueId');
    if (queue.kind !== 'traces') {
      throw AppError.unprocessable(`queue '${queue.name}' labels dataset steps: those labels are already on the steps of their version`, { param: 'queueId' });
    }
    const questions: PreparedQuestion[] = [];
    const solutions: PreparedSolution[] = [];
    const skipped: { itemId: string; reason: string }[] = [];
    for (const item of await this.queues.labelledTraceItems(queue.id)) {
      const records = traceLabelRecords({
        itemId: item.id,
        queueId: queue.id,
        answerCorrect: item.answerCorrect,
        trace: item.trace!,
        image: item.trace!.images[0] ?? null,
        labels: item.labels,
      });
      if ('skipped' in records) {
        skipped.push({ itemId: item.id, reason: records.skipped });
        continue;
      }
      questions.push(records.question);
      solutions.push(...records.solutions);
    }
    if (solutions.length === 0) {
      throw AppError.unprocessable(`queue '${queue.name}' has no labelled trace path to export${skipped.length ? ` (${skipped.length} labelled items gave none: ${skipped[0]!.reason})` : ''}`, { param: 'queueId' });
    }
    const versionId = await this.writer.writeVersion(auditContextOf(actor), {
      datasetId: input.datasetId,
      parentVersionId: input.parentVersionId ?? null,
      createdById: actor.user.id,
      header: { source: 'annotations', queueId: queue.id, queue: queue.name, labelValues: { correct: 1, neutral: 0.5, incorrect: 0 } },
      config: {},
      report: { items: questions.length, records: solutions.length, skipped },
      questions,
      solutions,
      auditAction: 'dataset_version.create_from_annotations',
    });
    return { version: await this.datasets.getVersion({ id: versionId }), records: solutions.length, skipped };
  }

  // ─── helpers ───

  /** Items for a source: uncertain steps of a ready/frozen version, or traces with their PRM scores. */
  private async itemsFrom(source: TAnnotationSource): Promise<NewItem[]> {
    if (source.kind === 'dataset') {
      const version = await this.queues.datasetVersionStatus(source.datasetVersionId);
      if (!version) throw AppError.notFound('dataset version', source.datasetVersionId, { param: 'source.datasetVersionId' });
      if (version.status !== 'ready' && version.status !== 'frozen') {
        throw AppError.conflict(`dataset version '${version.id}' is ${version.status}: queue steps of a ready or frozen version`, { param: 'source.datasetVersionId' });
      }
      const steps = await this.queues.stepCandidates(source);
      return steps.map((s) => ({
        datasetStepId: s.id,
        // Most uncertain first: 500 at value 0.5, 0 at 0 or 1.
        priority: Math.round((0.5 - Math.abs(s.value - 0.5)) * 1000),
        suggestedScore: s.value,
        suggestion: { source: 'mc_value' },
      }));
    }
    const traces = await this.queues.traceCandidates(source);
    if (source.traceIds) {
      const found = new Set(traces.map((t) => t.id));
      const missing = source.traceIds.findIndex((id) => !found.has(id));
      if (missing >= 0) throw AppError.notFound('trace', source.traceIds[missing], { param: `source.traceIds.${missing}` });
    }
    return traces.map((t) => {
      const nodes = treeNodes(t.tree);
      const path = t.answerNode === null ? [] : pathTo(nodes, t.answerNode);
      const scores = path.map((id) => ({ nodeId: id, score: typeof nodes.get(id)?.score === 'number' ? nodes.get(id)!.score! : null }));
      return { traceId: t.id, priority: 0, suggestedScore: scores.at(-1)?.score ?? null, suggestion: { source: 'prm', nodes: scores } };
    });
  }

  private async requireQueue(id: string, param: string): Promise<QueueRow> {
    const queue = await this.queues.findQueue(id);
    if (!queue) throw AppError.notFound('annotation queue', id, { param });
    return queue;
  }

  private async requireItem(id: string, param: string): Promise<ItemRow> {
    const item = await this.queues.findItem(id);
    if (!item) throw AppError.notFound('annotation item', id, { param });
    return item;
  }

  private async queueView(row: QueueRow): Promise<TAnnotationQueue> {
    const progress = await this.queues.progressOf([row.id]);
    return toQueueView(row, progress.get(row.id)!);
  }
}

/** Labels that fit the item: one label (no node) on a step; labels on distinct nodes of the tree on a trace. */
function checkLabels(item: ItemRow, input: TSubmitAnnotationRequest): void {
  if (item.datasetStepId) {
    if (input.labels.length !== 1) throw AppError.unprocessable(`a step item takes exactly one label, got ${input.labels.length}`, { param: 'labels' });
    if (input.labels[0]!.nodeId !== undefined) throw AppError.unprocessable('a step item has no tree nodes: leave nodeId out', { param: 'labels.0.nodeId' });
    if (input.answerCorrect !== undefined) throw AppError.unprocessable('answerCorrect is a verdict on a trace answer; this is a step item', { param: 'answerCorrect' });
    return;
  }
  const nodes = treeNodes(item.trace?.tree);
  const seen = new Set<number>();
  input.labels.forEach((label, i) => {
    if (label.nodeId === undefined) throw AppError.unprocessable('a trace item labels tree nodes: give nodeId', { param: `labels.${i}.nodeId` });
    if (!nodes.has(label.nodeId)) throw AppError.unprocessable(`node ${label.nodeId} is not in the trace's tree`, { param: `labels.${i}.nodeId` });
    if (seen.has(label.nodeId)) throw AppError.unprocessable(`node ${label.nodeId} is labelled twice`, { param: `labels.${i}.nodeId` });
    seen.add(label.nodeId);
  });
}

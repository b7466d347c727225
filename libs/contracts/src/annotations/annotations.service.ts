import type { Actor } from '../auth/actor';
import type {
  TAnnotationItem,
  TExportAnnotationsRequest,
  TExportAnnotationsResponse,
  TFindAnnotationItemsRequest,
  TFindAnnotationItemsResponse,
  TGetAnnotationItemRequest,
  TNextAnnotationItemRequest,
  TNextAnnotationItemResponse,
  TReleaseAnnotationItemRequest,
  TSkipAnnotationItemRequest,
  TSubmitAnnotationRequest,
} from './annotation-item.schemas';
import type {
  TAddAnnotationItemsRequest,
  TAddAnnotationItemsResponse,
  TAnnotationQueue,
  TCreateAnnotationQueueRequest,
  TFindAnnotationQueuesRequest,
  TFindAnnotationQueuesResponse,
  TGetAnnotationQueueRequest,
} from './annotation-queue.schemas';

/**
 * What the annotations router needs from the server (apps/api/src/annotations implements it).
 * Errors: unknown ids → not found; a queue name taken → conflict; an item not locked by the caller
 * (never fetched, released, or its expired lock taken by someone else) → conflict; a label that
 * does not fit the item (node not in the trace, several labels on a step) → unprocessable.
 */
export interface AnnotationsService {
  createQueue(input: TCreateAnnotationQueueRequest, actor: Actor): Promise<TAnnotationQueue>;
  addItems(input: TAddAnnotationItemsRequest, actor: Actor): Promise<TAddAnnotationItemsResponse>;
  findQueues(input: TFindAnnotationQueuesRequest): Promise<TFindAnnotationQueuesResponse>;
  getQueue(input: TGetAnnotationQueueRequest): Promise<TAnnotationQueue>;
  findItems(input: TFindAnnotationItemsRequest, actor: Actor): Promise<TFindAnnotationItemsResponse>;
  getItem(input: TGetAnnotationItemRequest, actor: Actor): Promise<TAnnotationItem>;
  next(input: TNextAnnotationItemRequest, actor: Actor): Promise<TNextAnnotationItemResponse>;
  submit(input: TSubmitAnnotationRequest, actor: Actor): Promise<TAnnotationItem>;
  skip(input: TSkipAnnotationItemRequest, actor: Actor): Promise<TAnnotationItem>;
  release(input: TReleaseAnnotationItemRequest, actor: Actor): Promise<TAnnotationItem>;
  exportToDataset(input: TExportAnnotationsRequest, actor: Actor): Promise<TExportAnnotationsResponse>;
}

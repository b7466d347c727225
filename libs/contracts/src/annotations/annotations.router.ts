import { router } from '../trpc/init';
import { annotatorProcedure, researcherProcedure, viewerProcedure } from '../trpc/procedures';
import {
  ZExportAnnotationsRequest,
  ZExportAnnotationsResponse,
  ZFindAnnotationItemsRequest,
  ZFindAnnotationItemsResponse,
  ZGetAnnotationItemRequest,
  ZGetAnnotationItemResponse,
  ZNextAnnotationItemRequest,
  ZNextAnnotationItemResponse,
  ZReleaseAnnotationItemRequest,
  ZReleaseAnnotationItemResponse,
  ZSkipAnnotationItemRequest,
  ZSkipAnnotationItemResponse,
  ZSubmitAnnotationRequest,
  ZSubmitAnnotationResponse,
} from './annotation-item.schemas';
import {
  ZAddAnnotationItemsRequest,
  ZAddAnnotationItemsResponse,
  ZCreateAnnotationQueueRequest,
  ZCreateAnnotationQueueResponse,
  ZFindAnnotationQueuesRequest,
  ZFindAnnotationQueuesResponse,
  ZGetAnnotationQueueRequest,
  ZGetAnnotationQueueResponse,
} from './annotation-queue.schemas';

/** Viewers watch queues; annotators take, label, skip and release items; researchers make queues and export labels. */
export const annotationsRouter = router({
  createQueue: researcherProcedure
    .input(ZCreateAnnotationQueueRequest)
    .output(ZCreateAnnotationQueueResponse)
    .mutation(({ input, ctx }) => ctx.services.annotations.createQueue(input, ctx.actor)),
  addItems: researcherProcedure
    .input(ZAddAnnotationItemsRequest)
    .output(ZAddAnnotationItemsResponse)
    .mutation(({ input, ctx }) => ctx.services.annotations.addItems(input, ctx.actor)),
  findQueues: viewerProcedure
    .input(ZFindAnnotationQueuesRequest)
    .output(ZFindAnnotationQueuesResponse)
    .query(({ input, ctx }) => ctx.services.annotations.findQueues(input)),
  getQueue: viewerProcedure
    .input(ZGetAnnotationQueueRequest)
    .output(ZGetAnnotationQueueResponse)
    .query(({ input, ctx }) => ctx.services.annotations.getQueue(input)),
  findItems: viewerProcedure
    .input(ZFindAnnotationItemsRequest)
    .output(ZFindAnnotationItemsResponse)
    .query(({ input, ctx }) => ctx.services.annotations.findItems(input, ctx.actor)),
  getItem: viewerProcedure
    .input(ZGetAnnotationItemRequest)
    .output(ZGetAnnotationItemResponse)
    .query(({ input, ctx }) => ctx.services.annotations.getItem(input, ctx.actor)),
  next: annotatorProcedure
    .input(ZNextAnnotationItemRequest)
    .output(ZNextAnnotationItemResponse)
    .mutation(({ input, ctx }) => ctx.services.annotations.next(input, ctx.actor)),
  submit: annotatorProcedure
    .input(ZSubmitAnnotationRequest)
    .output(ZSubmitAnnotationResponse)
    .mutation(({ input, ctx }) => ctx.services.annotations.submit(input, ctx.actor)),
  skip: annotatorProcedure
    .input(ZSkipAnnotationItemRequest)
    .output(ZSkipAnnotationItemResponse)
    .mutation(({ input, ctx }) => ctx.services.annotations.skip(input, ctx.actor)),
  release: annotatorProcedure
    .input(ZReleaseAnnotationItemRequest)
    .output(ZReleaseAnnotationItemResponse)
    .mutation(({ input, ctx }) => ctx.services.annotations.release(input, ctx.actor)),
  exportToDataset: researcherProcedure
    .input(ZExportAnnotationsRequest)
    .output(ZExportAnnotationsResponse)
    .mutation(({ input, ctx }) => ctx.services.annotations.exportToDataset(input, ctx.actor)),
});

export * from './annotation-queue.schemas';
export * from './annotation-item.schemas';
export type { AnnotationsService } from './annotations.service';
export { annotationsRouter } from './annotations.router';

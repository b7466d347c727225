export * from './training-run.schemas';
export * from './training-metrics.schemas';
export type { TrainingService } from './training.service';
export { trainingRouter } from './training.router';

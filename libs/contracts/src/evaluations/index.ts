export * from './evaluation.schemas';
export type { EvaluationsService } from './evaluations.service';
export { evaluationsRouter } from './evaluations.router';

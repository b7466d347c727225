export * from './deployment.schemas';
export type { DeploymentsService } from './deployments.service';
export { deploymentsRouter } from './deployments.router';

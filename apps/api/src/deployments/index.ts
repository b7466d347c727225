export { DeploymentsModule } from './deployments.module';
export { DeploymentsService } from './deployments.service';
export { DeploymentResolver, type LiveDeployment, type ServingDeployment } from './deployment-resolver';
export { MODEL_REGISTRY } from './model-registry.provider';
export { parseStrategyOrThrow, checkPrmForStrategy } from './strategy-config';

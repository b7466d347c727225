import { Module } from '@nestjs/common';
import { DeploymentResolver } from './deployment-resolver';
import { DeploymentsController } from './deployments.controller';
import { DeploymentsRepository } from './deployments.repository';
import { DeploymentsService } from './deployments.service';
import { modelRegistryProvider, MODEL_REGISTRY } from './model-registry.provider';
import { secretEnvProvider } from './secret-env';

/**
 * Deployments: CRUD (REST + tRPC `deployments.*` through DeploymentsService) and the resolver that
 * turns a deployment name into a live (Policy, Prm) pair for the serving module. Owns the
 * process' PRM model registry (MODEL_REGISTRY). Needs the global DatabaseModule.
 */
@Module({
  controllers: [DeploymentsController],
  providers: [DeploymentsRepository, DeploymentsService, DeploymentResolver, modelRegistryProvider, secretEnvProvider],
  exports: [DeploymentsService, DeploymentResolver, DeploymentsRepository, MODEL_REGISTRY],
})
export class DeploymentsModule {}

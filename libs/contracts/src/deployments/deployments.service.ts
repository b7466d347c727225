import type { Actor } from '../auth/actor';
import type {
  TCreateDeploymentRequest,
  TDeleteDeploymentRequest,
  TDeployment,
  TFindDeploymentsRequest,
  TFindDeploymentsResponse,
  TGetDeploymentRequest,
  TUpdateDeploymentRequest,
} from './deployment.schemas';

/**
 * What the deployments router needs from the server (apps/api/src/deployments implements it).
 * Methods throw the server's typed errors: an invalid strategy → validation naming the field
 * (`strategy.schedule.b0`), a PRM strategy without a PRM → validation (`prm`), an unknown model
 * version or alias → not found, a model kind this server cannot load → unprocessable, a taken
 * name → conflict.
 */
export interface DeploymentsService {
  create(input: TCreateDeploymentRequest, actor: Actor): Promise<TDeployment>;
  update(input: TUpdateDeploymentRequest, actor: Actor): Promise<TDeployment>;
  get(input: TGetDeploymentRequest): Promise<TDeployment>;
  find(input: TFindDeploymentsRequest): Promise<TFindDeploymentsResponse>;
  /** Archives. */
  delete(input: TDeleteDeploymentRequest, actor: Actor): Promise<TDeployment>;
}

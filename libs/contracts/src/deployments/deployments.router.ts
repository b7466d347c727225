import { router } from '../trpc/init';
import { researcherProcedure, viewerProcedure } from '../trpc/procedures';
import {
  ZCreateDeploymentRequest,
  ZCreateDeploymentResponse,
  ZDeleteDeploymentRequest,
  ZDeleteDeploymentResponse,
  ZFindDeploymentsRequest,
  ZFindDeploymentsResponse,
  ZGetDeploymentRequest,
  ZGetDeploymentResponse,
  ZUpdateDeploymentRequest,
  ZUpdateDeploymentResponse,
} from './deployment.schemas';

/** Researchers and admins deploy; everyone signed in sees what is deployed. */
export const deploymentsRouter = router({
  create: researcherProcedure
    .input(ZCreateDeploymentRequest)
    .output(ZCreateDeploymentResponse)
    .mutation(({ input, ctx }) => ctx.services.deployments.create(input, ctx.actor)),
  update: researcherProcedure
    .input(ZUpdateDeploymentRequest)
    .output(ZUpdateDeploymentResponse)
    .mutation(({ input, ctx }) => ctx.services.deployments.update(input, ctx.actor)),
  delete: researcherProcedure
    .input(ZDeleteDeploymentRequest)
    .output(ZDeleteDeploymentResponse)
    .mutation(({ input, ctx }) => ctx.services.deployments.delete(input, ctx.actor)),
  get: viewerProcedure
    .input(ZGetDeploymentRequest)
    .output(ZGetDeploymentResponse)
    .query(({ input, ctx }) => ctx.services.deployments.get(input)),
  find: viewerProcedure
    .input(ZFindDeploymentsRequest)
    .output(ZFindDeploymentsResponse)
    .query(({ input, ctx }) => ctx.services.deployments.find(input)),
});

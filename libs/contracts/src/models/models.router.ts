import { router } from '../trpc/init';
import { researcherProcedure, viewerProcedure } from '../trpc/procedures';
import {
  ZFindModelAliasesResponse,
  ZModelAliasHistoryRequest,
  ZModelAliasHistoryResponse,
  ZMoveModelAliasRequest,
  ZMoveModelAliasResponse,
} from './model-alias.schemas';
import { ZFindModelVersionsRequest, ZFindModelVersionsResponse, ZGetModelVersionRequest, ZGetModelVersionResponse } from './model-version.schemas';

const aliasesRouter = router({
  find: viewerProcedure.output(ZFindModelAliasesResponse).query(({ ctx }) => ctx.services.models.findAliases()),
  move: researcherProcedure
    .input(ZMoveModelAliasRequest)
    .output(ZMoveModelAliasResponse)
    .mutation(({ input, ctx }) => ctx.services.models.moveAlias(input, ctx.actor)),
  history: viewerProcedure
    .input(ZModelAliasHistoryRequest)
    .output(ZModelAliasHistoryResponse)
    .query(({ input, ctx }) => ctx.services.models.aliasHistory(input)),
});

/** Everyone signed in reads the registry; researchers and admins move aliases. */
export const modelsRouter = router({
  find: viewerProcedure
    .input(ZFindModelVersionsRequest)
    .output(ZFindModelVersionsResponse)
    .query(({ input, ctx }) => ctx.services.models.findVersions(input)),
  get: viewerProcedure
    .input(ZGetModelVersionRequest)
    .output(ZGetModelVersionResponse)
    .query(({ input, ctx }) => ctx.services.models.getVersion(input)),
  aliases: aliasesRouter,
});

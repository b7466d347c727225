import { router } from '../trpc/init';
import { viewerProcedure } from '../trpc/procedures';
import { ZFindTracesRequest, ZFindTracesResponse, ZGetTraceRequest, ZGetTraceResponse } from './trace.schemas';

/** Every signed-in user reads the traces of served requests (the platform is shared by a team). */
export const tracesRouter = router({
  get: viewerProcedure
    .input(ZGetTraceRequest)
    .output(ZGetTraceResponse)
    .query(({ input, ctx }) => ctx.services.traces.get(input)),
  find: viewerProcedure
    .input(ZFindTracesRequest)
    .output(ZFindTracesResponse)
    .query(({ input, ctx }) => ctx.services.traces.find(input)),
});

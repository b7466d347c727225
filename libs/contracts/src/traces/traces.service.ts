import type { TFindTracesRequest, TFindTracesResponse, TGetTraceRequest, TTrace } from './trace.schemas';

/** What the traces router needs from the server (apps/api/src/traces implements it): reads only. */
export interface TracesService {
  get(input: TGetTraceRequest): Promise<TTrace>;
  find(input: TFindTracesRequest): Promise<TFindTracesResponse>;
}

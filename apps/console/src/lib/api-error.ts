/**
 * One shape for every failure the pages show: tRPC errors carry `data.param` (the invalid field),
 * `data.httpStatus` and `data.requestId` (see libs/contracts/src/trpc/init.ts); REST errors use
 * OpenAI's `{ error: { message, param, request_id } }` body.
 */
import { TRPCClientError } from '@trpc/client';

export interface ApiErrorInfo {
  message: string;
  status: number | null;
  /** The request field the server blamed (dotted path), if any. */
  param: string | null;
  requestId: string | null;
}

interface TrpcErrorData {
  httpStatus?: number;
  param?: string | null;
  requestId?: string | null;
}

export class RestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly param: string | null,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'RestError';
  }
}

export function errorInfo(error: unknown): ApiErrorInfo {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as TrpcErrorData;
    const status = data.httpStatus ?? null;
    // A proxy or a down API answers HTML, which the client reports as a JSON parse error.
    const message = status === null && /JSON|fetch/i.test(error.message) ? `The API did not answer (${error.message}). Is it running?` : error.message;
    return { message, status, param: data.param ?? null, requestId: data.requestId ?? null };
  }
  if (error instanceof RestError) return { message: error.message, status: error.status, param: error.param, requestId: error.requestId };
  if (error instanceof Error) return { message: error.message, status: null, param: null, requestId: null };
  return { message: String(error), status: null, param: null, requestId: null };
}

export function isUnauthorized(error: unknown): boolean {
  return errorInfo(error).status === 401;
}

/** Reads an OpenAI-style error body of a failed REST response. */
export async function restErrorOf(response: Response): Promise<RestError> {
  let message = `${response.status} ${response.statusText}`;
  let param: string | null = null;
  let requestId: string | null = null;
  try {
    const body = (await response.json()) as { error?: { message?: string; param?: string | null; request_id?: string } };
    if (body.error?.message) message = body.error.message;
    param = body.error?.param ?? null;
    requestId = body.error?.request_id ?? null;
  } catch {
    // Not JSON (a proxy error page): the status line says enough.
  }
  return new RestError(message, response.status, param, requestId);
}

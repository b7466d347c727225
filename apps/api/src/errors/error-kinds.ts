import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

/**
 * The one table of error kinds: each kind's HTTP status, its OpenAI-style `type` (what the
 * official SDKs and clients of the OpenAI API expect in `error.type`) and its tRPC code, so REST,
 * the served OpenAI-compatible API and tRPC all map an AppError the same way.
 */
export const ERROR_KINDS = {
  /** Malformed request (bad JSON, wrong shape before validation). */
  bad_request: { status: 400, type: 'invalid_request_error', trpc: 'BAD_REQUEST' },
  /** Input failed its schema; `param` names the field. OpenAI answers these with 400 too. */
  validation: { status: 400, type: 'invalid_request_error', trpc: 'BAD_REQUEST' },
  /** Well-formed and valid, but cannot be done as asked (e.g. editing a frozen dataset version). */
  unprocessable: { status: 422, type: 'invalid_request_error', trpc: 'UNPROCESSABLE_CONTENT' },
  unauthorized: { status: 401, type: 'authentication_error', trpc: 'UNAUTHORIZED' },
  forbidden: { status: 403, type: 'permission_error', trpc: 'FORBIDDEN' },
  not_found: { status: 404, type: 'not_found_error', trpc: 'NOT_FOUND' },
  conflict: { status: 409, type: 'conflict_error', trpc: 'CONFLICT' },
  payload_too_large: { status: 413, type: 'invalid_request_error', trpc: 'PAYLOAD_TOO_LARGE' },
  rate_limited: { status: 429, type: 'rate_limit_error', trpc: 'TOO_MANY_REQUESTS' },
  unavailable: { status: 503, type: 'service_unavailable_error', trpc: 'SERVICE_UNAVAILABLE' },
  internal: { status: 500, type: 'server_error', trpc: 'INTERNAL_SERVER_ERROR' },
} as const satisfies Record<string, { status: number; type: string; trpc: TRPC_ERROR_CODE_KEY }>;

export type AppErrorKind = keyof typeof ERROR_KINDS;

/** The kind a bare HTTP status stands for (Nest's own HttpExceptions, body-parser errors). */
export function kindForStatus(status: number): AppErrorKind {
  for (const [kind, info] of Object.entries(ERROR_KINDS) as [AppErrorKind, (typeof ERROR_KINDS)[AppErrorKind]][]) {
    if (info.status === status && kind !== 'validation') return kind;
  }
  if (status >= 500) return status === 503 ? 'unavailable' : 'internal';
  return 'bad_request';
}

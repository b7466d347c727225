import { z } from 'zod';
import type { AppError } from './app-error';

/**
 * The error body of every endpoint, OpenAI-compatible: the official SDKs read `error.message`,
 * `type`, `param` and `code`. `issues` lists every invalid field; `request_id` matches the
 * `x-request-id` response header and the request's log line.
 */
export const ZErrorBody = z
  .object({
    error: z.object({
      message: z.string(),
      type: z.string().describe('OpenAI-style error type, e.g. invalid_request_error'),
      param: z.string().nullable().describe('The offending field as a dotted path, when there is one'),
      code: z.string().nullable(),
      issues: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
      request_id: z.string().optional(),
    }),
  })
  .meta({ id: 'ErrorBody' });

export type ErrorBody = z.infer<typeof ZErrorBody>;

export function toErrorBody(error: AppError, requestId?: string): ErrorBody {
  return {
    error: {
      message: error.message,
      type: error.type,
      param: error.param ?? null,
      code: error.code,
      ...(error.issues?.length ? { issues: [...error.issues] } : {}),
      ...(requestId ? { request_id: requestId } : {}),
    },
  };
}

import type { TRPCError } from '@trpc/server';
import { z } from 'zod';

/** One invalid field: `path` is dotted (`scopes.0`). */
export const ZFieldIssue = z.object({ path: z.string(), message: z.string(), code: z.string().optional() });
export type TFieldIssue = z.infer<typeof ZFieldIssue>;

/** What the error's `data` carries besides tRPC's own fields: the console reads these to mark a field. */
export interface ErrorDetail {
  /** The first invalid field (dotted path), as OpenAI's `param`. */
  param: string | null;
  issues: TFieldIssue[] | null;
}

type IssueLike = { path?: unknown; message?: unknown; code?: unknown };

function pathOf(path: unknown): string {
  if (typeof path === 'string') return path;
  if (!Array.isArray(path)) return '';
  return path.map((segment) => String(typeof segment === 'object' && segment !== null && 'key' in segment ? segment.key : segment)).join('.');
}

function issuesOf(cause: unknown): TFieldIssue[] | null {
  if (typeof cause !== 'object' || cause === null || !('issues' in cause) || !Array.isArray(cause.issues)) return null;
  return (cause.issues as IssueLike[]).map((issue) => ({
    path: pathOf(issue.path),
    message: String(issue.message ?? 'invalid'),
    ...(typeof issue.code === 'string' ? { code: issue.code } : {}),
  }));
}

/**
 * The field detail of an error: from a schema error (zod, Standard Schema: `issues`) or a server
 * error carrying `param`/`issues`. Duck-typed so contracts need no server code.
 */
export function errorDetail(error: TRPCError): ErrorDetail {
  const cause: unknown = error.cause;
  const issues = issuesOf(cause);
  const param =
    typeof cause === 'object' && cause !== null && 'param' in cause && typeof cause.param === 'string'
      ? cause.param
      : (issues?.find((issue) => issue.path !== '')?.path ?? null);
  return { param, issues };
}

/**
 * The message of an input validation error names the field ("Invalid input: email: must be an
 * email address (and 1 more)") instead of tRPC's default (the schema error's JSON).
 */
export function errorMessage(error: TRPCError, detail: ErrorDetail): string {
  const isInputError = error.code === 'BAD_REQUEST' && detail.issues !== null && !(typeof error.cause === 'object' && error.cause !== null && 'param' in error.cause);
  if (!isInputError || !detail.issues?.length) return error.message;
  const [first] = detail.issues;
  const more = detail.issues.length > 1 ? ` (and ${detail.issues.length - 1} more)` : '';
  return `Invalid input: ${first?.path ? `${first.path}: ` : ''}${first?.message}${more}`;
}

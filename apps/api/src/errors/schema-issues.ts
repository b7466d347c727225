import { AppError, type FieldIssue } from './app-error';

/** The part of a Standard Schema issue (zod, valibot, ...) an error message needs. */
export interface SchemaIssue {
  readonly message: string;
  readonly code?: unknown;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

export function issuePath(issue: SchemaIssue): string {
  return (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.');
}

export function toFieldIssues(issues: readonly SchemaIssue[]): FieldIssue[] {
  return issues.map((issue) => ({
    path: issuePath(issue),
    message: issue.message,
    ...(typeof issue.code === 'string' ? { code: issue.code } : {}),
  }));
}

/**
 * A validation AppError naming the first bad field in `param` and in the message, and listing
 * all of them in `issues`. `where` says what was validated ("request body", "query", "config");
 * `prefix` is prepended to every path (the argument name of `@Query('limit', ...)`).
 */
export function validationErrorFrom(issues: readonly SchemaIssue[], where: string, prefix?: string): AppError {
  const fieldIssues = toFieldIssues(issues).map((issue) => ({ ...issue, path: joinPath(prefix, issue.path) }));
  const first = fieldIssues[0];
  const param = first?.path || undefined;
  const more = fieldIssues.length > 1 ? ` (and ${fieldIssues.length - 1} more)` : '';
  const message = first ? `Invalid ${where}: ${param ? `${param}: ` : ''}${first.message}${more}` : `Invalid ${where}`;
  return AppError.validation(message, { param, issues: fieldIssues });
}

function joinPath(prefix: string | undefined, path: string): string {
  return [prefix, path].filter(Boolean).join('.');
}

export { AppError, isAppError, type AppErrorOptions, type FieldIssue } from './app-error';
export { ERROR_KINDS, kindForStatus, type AppErrorKind } from './error-kinds';
export { ZErrorBody, toErrorBody, type ErrorBody } from './error-body';
export { ErrorFilter } from './error.filter';
export { parseOrThrow } from './parse-or-throw';
export { SchemaValidationPipe } from './schema-validation.pipe';
export { toFieldIssues, validationErrorFrom, type SchemaIssue } from './schema-issues';
export { toAppError } from './to-app-error';
export { toTrpcError } from './trpc-error';

import { HttpException } from '@nestjs/common';
import { AppError } from './app-error';
import { kindForStatus } from './error-kinds';

export interface ToAppErrorContext {
  /** The configured body limit, to say it in the 413 message. */
  bodyLimitBytes?: number;
}

/**
 * Anything thrown while handling a request → an AppError. AppErrors pass through; Nest's
 * HttpExceptions (its router's 404, body-parser's 400/413 that Nest wraps) keep their status;
 * everything else is an internal error whose details stay in the log.
 */
export function toAppError(thrown: unknown, context: ToAppErrorContext = {}): AppError {
  if (thrown instanceof AppError) return thrown;
  if (thrown instanceof HttpException) return fromHttpException(thrown, context);
  return new AppError('internal', 'Internal server error.', { code: 'internal_error', cause: thrown });
}

function fromHttpException(exception: HttpException, context: ToAppErrorContext): AppError {
  const status = exception.getStatus();
  const parserErrorType = bodyParserErrorType(exception.cause);
  if (parserErrorType === 'entity.parse.failed') {
    return AppError.badRequest(`Malformed JSON in request body: ${exception.message}`, { code: 'invalid_json', cause: exception });
  }
  if (status === 413) {
    const limit = context.bodyLimitBytes === undefined ? '' : ` of ${formatBytes(context.bodyLimitBytes)}`;
    return AppError.payloadTooLarge(`Request body is larger than the limit${limit}.`, { code: 'payload_too_large', cause: exception });
  }
  if (status >= 500 && status !== 503) {
    return new AppError('internal', 'Internal server error.', { code: 'internal_error', cause: exception });
  }
  const kind = kindForStatus(status);
  const code = kind === 'not_found' ? 'not_found' : (parserErrorType?.replaceAll('.', '_') ?? kind);
  return new AppError(kind, messageOf(exception), { status, code, cause: exception });
}

/** body-parser errors carry a `type` such as 'entity.parse.failed' or 'entity.too.large'. */
function bodyParserErrorType(cause: unknown): string | undefined {
  if (typeof cause === 'object' && cause !== null && 'type' in cause && typeof cause.type === 'string') return cause.type;
  return undefined;
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const message = response.message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return exception.message;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 2 && bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

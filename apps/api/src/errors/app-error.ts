import { type AppErrorKind, ERROR_KINDS } from './error-kinds';

/** One problem with one field of the input, e.g. `{ path: 'messages.0.content', message: 'Required' }`. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
  readonly code?: string;
}

export interface AppErrorOptions {
  /** The offending field (dotted path). Sent as OpenAI's `param`. */
  param?: string;
  /** Machine-readable code; defaults to the kind. Sent as OpenAI's `code`. */
  code?: string;
  issues?: readonly FieldIssue[];
  /** Seconds a client should wait (rate_limited, unavailable): sent as `Retry-After`. */
  retryAfterSeconds?: number;
  /** Overrides the kind's status, for HTTP statuses the table has no kind for (405, 415, ...). */
  status?: number;
  cause?: unknown;
}

/**
 * The one error family of the API. Throw it anywhere (services, pipes, guards); the global filter
 * (ErrorFilter) turns it into `{ error: { message, type, param, code, ... } }` with its status,
 * and the tRPC layer maps the same kinds through ERROR_KINDS.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly kind: AppErrorKind;
  readonly status: number;
  readonly code: string;
  readonly param: string | undefined;
  readonly issues: readonly FieldIssue[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(kind: AppErrorKind, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.status = options.status ?? ERROR_KINDS[kind].status;
    this.code = options.code ?? kind;
    this.param = options.param;
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The OpenAI-style `type` of this error. */
  get type(): string {
    return ERROR_KINDS[this.kind].type;
  }

  static badRequest(message: string, options?: AppErrorOptions): AppError {
    return new AppError('bad_request', message, options);
  }

  /** Input failed validation; name the field in `param` (and every problem in `issues`). */
  static validation(message: string, options?: AppErrorOptions): AppError {
    return new AppError('validation', message, { code: 'validation_error', ...options });
  }

  static unprocessable(message: string, options?: AppErrorOptions): AppError {
    return new AppError('unprocessable', message, options);
  }

  static unauthorized(message = 'Missing or invalid API key.', options?: AppErrorOptions): AppError {
    return new AppError('unauthorized', message, { code: 'invalid_api_key', ...options });
  }

  static forbidden(message = 'You do not have permission to do this.', options?: AppErrorOptions): AppError {
    return new AppError('forbidden', message, options);
  }

  /** `AppError.notFound('deployment', 'prm-bas-demo')` → "deployment 'prm-bas-demo' was not found". */
  static notFound(what: string, id?: string, options?: AppErrorOptions): AppError {
    const message = id === undefined ? `${what} was not found` : `${what} '${id}' was not found`;
    return new AppError('not_found', message, options);
  }

  static conflict(message: string, options?: AppErrorOptions): AppError {
    return new AppError('conflict', message, options);
  }

  static payloadTooLarge(message: string, options?: AppErrorOptions): AppError {
    return new AppError('payload_too_large', message, options);
  }

  static rateLimited(retryAfterSeconds: number, message = 'Rate limit reached; retry later.', options?: AppErrorOptions): AppError {
    return new AppError('rate_limited', message, { code: 'rate_limit_exceeded', retryAfterSeconds, ...options });
  }

  static unavailable(message: string, options?: AppErrorOptions): AppError {
    return new AppError('unavailable', message, options);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { requestIdOf } from '../logging/request-id';
import { toErrorBody } from './error-body';
import { toAppError } from './to-app-error';

/**
 * The one place errors become HTTP responses (installed as APP_FILTER). Client errors keep their
 * status and say what was wrong; anything unexpected is a 500 whose body holds only the request
 * id, while the stack goes to the request's log line (pino-http logs `res.err`).
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const error = toAppError(exception, { bodyLimitBytes: this.config.bodyLimitBytes });
    const requestId = requestIdOf(req);

    if (error.status >= 500) {
      res.err = exception instanceof Error ? exception : new Error(String(exception));
    }
    if (res.headersSent) {
      // A stream (SSE) failed half-way: nothing valid can be sent any more.
      res.err ??= error;
      res.end();
      return;
    }
    const body = toErrorBody(error, requestId);
    if (error.kind === 'internal') {
      body.error.message = `Internal server error (request id ${requestId}).`;
    }
    if (error.retryAfterSeconds !== undefined) {
      res.setHeader('Retry-After', String(Math.max(0, Math.ceil(error.retryAfterSeconds))));
    }
    res.status(error.status).json(body);
  }
}

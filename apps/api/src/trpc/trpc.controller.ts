import { All, Controller, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { appRouter } from '@prmbas/contracts';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import type { Request, RequestHandler, Response } from 'express';
import { TrpcContextFactory } from './trpc-context.factory';

/**
 * The console's API: contracts' `appRouter` at /trpc/<procedure> (GET for queries, POST for
 * mutations, `?batch=1` for batches), through tRPC's express adapter. A Nest route rather than raw
 * express middleware so it shares the app's request id, logging, metrics and shutdown drain.
 * Not in OpenAPI: its schema is the `AppRouter` type.
 */
@ApiExcludeController()
@Controller('trpc')
export class TrpcController {
  private readonly handler: RequestHandler;

  constructor(contexts: TrpcContextFactory) {
    this.handler = createExpressMiddleware({
      router: appRouter,
      createContext: ({ req, res }) => contexts.create({ req, res }),
      onError: ({ error, req }) => {
        // Server faults go to the request's log line (as the REST ErrorFilter does); client errors are answers.
        if (error.code === 'INTERNAL_SERVER_ERROR' && req.res) req.res.err = error.cause ?? error;
      },
    });
  }

  @All('*path')
  handle(@Req() req: Request, @Res() res: Response): void {
    void this.handler(req, res, () => undefined);
  }
}

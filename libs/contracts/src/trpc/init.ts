import { initTRPC } from '@trpc/server';
import type { TrpcContext } from './context';
import { errorDetail, errorMessage } from './error-shape';

/**
 * The one tRPC instance. Errors carry `data.param` and `data.issues` (the invalid fields) and the
 * request id, so the console can point at the field and a user can quote the id. No transformer:
 * dates travel as ISO strings (see ZDateTime).
 */
export const t = initTRPC.context<TrpcContext>().create({
  errorFormatter({ shape, error, ctx }) {
    const detail = errorDetail(error);
    // Stacks belong in the server's log (with the request id), never in an answer.
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message: errorMessage(error, detail),
      data: { ...data, param: detail.param, issues: detail.issues, requestId: ctx?.requestId ?? null },
    };
  },
});

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;

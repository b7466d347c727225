import { TRPCError } from '@trpc/server';
import { ERROR_KINDS } from './error-kinds';
import { toAppError } from './to-app-error';

/**
 * Anything thrown in a tRPC procedure → a TRPCError with the code ERROR_KINDS gives its kind, the
 * AppError kept as `cause` (so an errorFormatter can add `param` and `issues` to the shape).
 * Internal errors keep their details out of the message.
 */
export function toTrpcError(thrown: unknown): TRPCError {
  if (thrown instanceof TRPCError) return thrown;
  const error = toAppError(thrown);
  return new TRPCError({ code: ERROR_KINDS[error.kind].trpc, message: error.message, cause: error });
}

import type { z } from 'zod';
import { validationErrorFrom } from './schema-issues';

/**
 * Parses `value` with a zod schema or throws a validation AppError (400) naming the field.
 *   const config = parseOrThrow(ZStrategyConfig, input.config, 'config');
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where = 'input'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw validationErrorFrom(result.error.issues, where);
}

import { z } from 'zod';

/**
 * Timestamps travel as ISO-8601 strings: the tRPC link has no transformer (superjson), so a Date
 * would reach the console as a string anyway; saying so in the type keeps both sides honest.
 */
export const ZDateTime = z.iso.datetime();

export const ZId = z.uuid();

/** Emails are compared lower-cased and trimmed; `admin@localhost` is valid (no TLD required). */
export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(320)
  .regex(/^[^@\s]+@[^@\s]+$/, { error: 'must be an email address' });

/** Keyset pagination shared by the find procedures: pass `nextCursor` back as `cursor`. */
export const ZPageRequest = z.object({
  limit: z.number().int().min(1).max(500).default(100),
  cursor: ZId.optional(),
});

export const ZPageInfo = z.object({ nextCursor: ZId.nullable() });

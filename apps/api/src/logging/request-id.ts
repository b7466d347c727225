import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Ids a client or proxy may choose: UUIDs, ULIDs, OpenAI-style `req_...`; nothing that could forge a log line. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Honours a sane incoming `x-request-id`, otherwise makes a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && ACCEPTABLE_ID.test(value) ? value : randomUUID();
}

/** The id the request logger gave this request (also in the `x-request-id` response header). */
export function requestIdOf(req: IncomingMessage): string {
  return req.id === undefined ? 'unknown' : String(req.id);
}

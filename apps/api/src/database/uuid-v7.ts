/**
 * Ids the API makes itself instead of leaving them to the Prisma client: a trace's (a stream
 * announces it in its first chunk, before the row exists), a training run's or dataset version's
 * (the job enqueued in the same transaction names it) and a blob's inserted by plain SQL.
 * UUIDv7 like Prisma's `uuid(7)` default for every id of the schema
 * (RFC 9562: 48-bit Unix milliseconds, version 7, 12 bits of sub-millisecond sequence, variant,
 * 62 random bits). The sequence keeps ids made in one process strictly increasing, which the
 * newest-first cursor pagination of traces relies on.
 */
import { randomBytes } from 'node:crypto';

let lastMs = -1;
let sequence = 0;

export function uuidV7(now: number = Date.now()): string {
  let ms = Math.max(now, lastMs);
  if (ms === lastMs) {
    sequence += 1;
    if (sequence > 0xfff) {
      // 4096 ids in one millisecond: borrow the next millisecond rather than repeat.
      ms += 1;
      sequence = 0;
    }
  } else {
    sequence = randomBytes(1)[0]! & 0x7f; // a random start leaves room to count up within the ms
  }
  lastMs = ms;
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | ((sequence >> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

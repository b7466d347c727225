/**
 * The audit log: one row per mutation (actor, action, entity, before/after, request id). Write it
 * inside the mutation's transaction (`auditedMutation` does) so a change is never committed without
 * its row. Before/after are stored as JSON: dates as ISO strings, bigints as strings, bytes as their
 * length only, and secrets (password, key and token hashes) redacted.
 */
import type { Db, PrismaClient } from '../client';
import { Prisma, type AuditLog } from '../generated/prisma/client';

export interface AuditActor {
  userId?: string | null;
  apiKeyId?: string | null;
  /** Survives deletion of the user or key: "user:ada@example.com", "api-key:prm_ab12cd34", "worker:gpu-1", "system". */
  label: string;
}

/** Who is acting and in which request: built once per request (or job) and passed down. */
export interface AuditContext {
  actor: AuditActor;
  requestId?: string | null;
}

export interface AuditEntry {
  /** `<entity>.<verb>`, e.g. `model_alias.move`, `dataset_version.freeze`. */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export const SYSTEM_ACTOR: AuditActor = { label: 'system' };

const REDACTED_KEYS = new Set(['passwordHash', 'password_hash', 'keyHash', 'key_hash', 'tokenHash', 'token_hash', 'password', 'apiKey', 'token', 'secret']);

/** A JSON-safe copy of a row or value for before/after. */
export function toAuditJson(value: unknown): Prisma.InputJsonValue | null {
  const seen = new WeakSet<object>();
  const convert = (v: unknown): Prisma.InputJsonValue | null => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Date) return v.toISOString();
    if (v instanceof Uint8Array) return { $bytes: v.byteLength };
    if (typeof v === 'object') {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
      if (Array.isArray(v)) return v.map(convert);
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return convert((v as { toJSON(): unknown }).toJSON());
      const out: Record<string, Prisma.InputJsonValue | null> = {};
      for (const [key, inner] of Object.entries(v)) {
        if (inner === undefined || typeof inner === 'function') continue;
        out[key] = REDACTED_KEYS.has(key) && inner !== null ? '[redacted]' : convert(inner);
      }
      return out;
    }
    return String(v);
  };
  return convert(value);
}

function jsonColumn(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  const json = value === undefined ? null : toAuditJson(value);
  return json === null ? Prisma.DbNull : json;
}

/** Append one audit row with `db` (a client, or the transaction client of the mutation). */
export function writeAuditLog(db: Db, context: AuditContext, entry: AuditEntry): Promise<AuditLog> {
  return db.auditLog.create({
    data: {
      actorUserId: context.actor.userId ?? null,
      actorApiKeyId: context.actor.apiKeyId ?? null,
      actor: context.actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: jsonColumn(entry.before),
      after: jsonColumn(entry.after),
      requestId: context.requestId ?? null,
    },
  });
}

/**
 * Run `mutate` in one transaction with its audit rows: `mutate` returns its result and the entries
 * to record (none: nothing changed). Either both commit or neither does.
 */
export async function auditedMutation<T>(
  prisma: PrismaClient,
  context: AuditContext,
  mutate: (tx: Prisma.TransactionClient) => Promise<{ result: T; audit: AuditEntry | readonly AuditEntry[] }>,
  options?: { isolationLevel?: Prisma.TransactionIsolationLevel; timeoutMs?: number },
): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      const { result, audit } = await mutate(tx);
      for (const entry of Array.isArray(audit) ? audit : [audit as AuditEntry]) await writeAuditLog(tx, context, entry);
      return result;
    },
    { isolationLevel: options?.isolationLevel, timeout: options?.timeoutMs },
  );
}

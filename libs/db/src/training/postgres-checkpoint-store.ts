/**
 * The trainer's `CheckpointStore` over Postgres: a `training_checkpoints` row per step pointing to
 * a `blobs` row with the encoded bytes (content-addressed). A save is durable once it resolves, so
 * a training job retried after its worker died resumes from the newest checkpoint (the Trainer's
 * `resume: 'latest'`). Each row keeps who wrote it (worker, attempt) in `metrics`: that is how a
 * resumed run can be told apart from a restarted one.
 *
 * Old checkpoints beyond `keepLast` are deleted after a save, with their blobs unless something
 * else still references them (a model version made from that checkpoint, say).
 */
import { createHash } from 'node:crypto';
import type { CheckpointStore } from '@prmbas/prm';
import type { PrismaClient } from '../client';
import { Prisma } from '../generated/prisma/client';

export const CHECKPOINT_CONTENT_TYPE = 'application/vnd.prmbas.checkpoint';

export interface PostgresCheckpointStoreOptions {
  /** Keep the newest N (0 = all). Default 3: enough to step back past a bad one. */
  keepLast?: number;
  /** Stored with each checkpoint (e.g. worker id, attempt, job id). */
  writer?: Record<string, string | number | null>;
}

export class PostgresCheckpointStore implements CheckpointStore {
  private readonly keepLast: number;

  constructor(
    private readonly prisma: PrismaClient,
    readonly runId: string,
    private readonly options: PostgresCheckpointStoreOptions = {},
  ) {
    this.keepLast = options.keepLast ?? 3;
  }

  async save(step: number, bytes: Uint8Array): Promise<void> {
    if (!Number.isInteger(step) || step < 0) throw new Error(`checkpoint step must be a non-negative integer, got ${step}`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const metrics = { ...this.options.writer, savedAt: new Date().toISOString() } as Prisma.InputJsonObject;
    await this.prisma.$transaction(async (tx) => {
      const blob = await tx.blob.upsert({
        where: { sha256 },
        create: { sha256, byteSize: bytes.byteLength, contentType: CHECKPOINT_CONTENT_TYPE, storage: 'postgres', data: Uint8Array.from(bytes) },
        update: {},
        select: { id: true },
      });
      // The same step again (a stale attempt, or a resumed run re-reaching it) replaces the row.
      await tx.checkpoint.upsert({
        where: { runId_step: { runId: this.runId, step } },
        create: { runId: this.runId, step, blobId: blob.id, metrics },
        update: { blobId: blob.id, metrics },
      });
    });
    if (this.keepLast > 0) await this.prune();
  }

  async load(step: number): Promise<Uint8Array | null> {
    const row = await this.prisma.checkpoint.findUnique({
      where: { runId_step: { runId: this.runId, step } },
      select: { blob: { select: { data: true, storage: true, id: true } } },
    });
    if (!row) return null;
    if (!row.blob.data) throw new Error(`checkpoint ${this.runId}@${step}: blob ${row.blob.id} is stored on ${row.blob.storage}, not in Postgres`);
    return new Uint8Array(row.blob.data);
  }

  async list(): Promise<number[]> {
    const rows = await this.prisma.checkpoint.findMany({ where: { runId: this.runId }, select: { step: true }, orderBy: { step: 'asc' } });
    return rows.map((r) => r.step);
  }

  /** The newest checkpoint's row id (a model version records which checkpoint it came from). */
  async latestId(): Promise<string | null> {
    const row = await this.prisma.checkpoint.findFirst({ where: { runId: this.runId }, orderBy: { step: 'desc' }, select: { id: true } });
    return row?.id ?? null;
  }

  private async prune(): Promise<void> {
    const old = await this.prisma.checkpoint.findMany({
      where: { runId: this.runId, modelVersions: { none: {} } },
      orderBy: { step: 'desc' },
      skip: this.keepLast,
      select: { id: true, blobId: true },
    });
    if (old.length === 0) return;
    await this.prisma.checkpoint.deleteMany({ where: { id: { in: old.map((c) => c.id) } } });
    for (const { blobId } of old) {
      try {
        await this.prisma.blob.delete({ where: { id: blobId } });
      } catch (error) {
        // Still referenced (Restrict foreign key: another checkpoint or a model version): keep it.
        const referenced = error instanceof Prisma.PrismaClientKnownRequestError && (error.code === 'P2003' || error.code === 'P2025');
        if (!referenced) throw error;
      }
    }
  }
}

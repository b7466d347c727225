/**
 * Items under a lock (holder + expiry, on the database clock so every API process agrees):
 *
 * - next: the caller's live lock in the queue is renewed and returned; otherwise one UPDATE takes
 *   the best free item — pending, or in progress with an expired lock, then skipped ones — picked
 *   by a sub-select `FOR UPDATE SKIP LOCKED`. Two annotators asking at once lock different rows;
 *   a row one of them just took no longer qualifies when the other re-checks it, so they never get
 *   the same item.
 * - submit / skip / release: only the holder (its lock may have expired, as long as nobody took the
 *   item since); the item row is locked for the transaction, so a reclaim and a late submit cannot
 *   both win.
 * Every change commits with its audit row.
 */
import { Inject, Injectable } from '@nestjs/common';
import { auditedMutation, type AnnotationItem, type AuditContext, type Prisma, type PrismaClient, type StepLabelValue } from '@prmbas/db';
import { PRISMA } from '../database/prisma.token';
import { AppError } from '../errors/app-error';

export interface LabelWrite {
  nodeId: number | null;
  label: StepLabelValue;
  comment: string | null;
}

export interface Submission {
  labels: LabelWrite[];
  answerCorrect?: boolean;
  note?: string;
  finish: boolean;
}

type HeldItem = AnnotationItem & { queue: { lockTtlSeconds: number } };

@Injectable()
export class AnnotationLocksRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** The id of the item now locked to `userId` (renewed or newly taken), or null when none is free. */
  claimNext(audit: AuditContext, queueId: string, userId: string, ttlSeconds: number): Promise<string | null> {
    return auditedMutation(this.prisma, audit, async (tx) => {
      const held = await tx.$queryRaw<{ id: string; lock_expires_at: Date }[]>`
        UPDATE annotation_items SET lock_expires_at = now() + make_interval(secs => ${ttlSeconds}), updated_at = now()
         WHERE id = (SELECT id FROM annotation_items
                      WHERE queue_id = ${queueId}::uuid AND locked_by_id = ${userId}::uuid AND status = 'in_progress' AND lock_expires_at > now()
                      ORDER BY id LIMIT 1 FOR UPDATE)
        RETURNING id::text AS id, lock_expires_at`;
      if (held[0]) return { result: held[0].id, audit: lockEntry(held[0].id, 'annotation_item.renew_lock', userId, held[0].lock_expires_at) };

      const taken = await tx.$queryRaw<{ id: string; lock_expires_at: Date; previous_holder: string | null }[]>`
        WITH candidate AS (
          SELECT id, locked_by_id FROM annotation_items
           WHERE queue_id = ${queueId}::uuid
             AND (status = 'pending' OR status = 'skipped' OR (status = 'in_progress' AND (lock_expires_at IS NULL OR lock_expires_at <= now())))
           ORDER BY (status = 'skipped'), priority DESC, created_at, id
           LIMIT 1
           FOR UPDATE SKIP LOCKED)
        UPDATE annotation_items i
           SET status = 'in_progress', locked_by_id = ${userId}::uuid, lock_expires_at = now() + make_interval(secs => ${ttlSeconds}), updated_at = now()
          FROM candidate c
         WHERE i.id = c.id
        RETURNING i.id::text AS id, i.lock_expires_at, c.locked_by_id::text AS previous_holder`;
      const row = taken[0];
      if (!row) return { result: null, audit: [] };
      return { result: row.id, audit: lockEntry(row.id, 'annotation_item.lock', userId, row.lock_expires_at, row.previous_holder) };
    });
  }

  /**
   * Labels for a held item. Step items: the caller's StepLabel on the dataset step (insert or
   * replace). Trace items: one AnnotationLabel per node (insert or replace). `finish` completes the
   * item; otherwise the lock is renewed.
   */
  submit(audit: AuditContext, itemId: string, userId: string, submission: Submission): Promise<void> {
    return auditedMutation(this.prisma, audit, async (tx) => {
      const item = await this.lockHeld(tx, itemId, userId);
      const entries = [];
      for (const l of submission.labels) {
        if (item.datasetStepId) {
          const label = await tx.stepLabel.upsert({
            where: { stepId_authorId: { stepId: item.datasetStepId, authorId: userId } },
            create: { stepId: item.datasetStepId, authorId: userId, label: l.label, comment: l.comment },
            update: { label: l.label, comment: l.comment },
          });
          entries.push({ action: 'dataset_step_label.upsert', entityType: 'dataset_step', entityId: item.datasetStepId, after: label });
        } else {
          await tx.annotationLabel.upsert({
            where: { itemId_nodeId_authorId: { itemId, nodeId: l.nodeId!, authorId: userId } },
            create: { itemId, nodeId: l.nodeId!, authorId: userId, label: l.label, comment: l.comment },
            update: { label: l.label, comment: l.comment },
          });
        }
      }
      const common = { ...(submission.answerCorrect !== undefined ? { answerCorrect: submission.answerCorrect } : {}), ...(submission.note !== undefined ? { note: submission.note } : {}) };
      let after: AnnotationItem;
      if (submission.finish) {
        after = await tx.annotationItem.update({ where: { id: itemId }, data: { ...common, status: 'done', completedById: userId, completedAt: new Date(), lockedById: null, lockExpiresAt: null } });
      } else {
        await tx.$executeRaw`UPDATE annotation_items SET lock_expires_at = now() + make_interval(secs => ${item.queue.lockTtlSeconds}) WHERE id = ${itemId}::uuid`;
        after = await tx.annotationItem.update({ where: { id: itemId }, data: common });
      }
      return {
        result: undefined,
        audit: [...entries, { action: submission.finish ? 'annotation_item.complete' : 'annotation_item.label', entityType: 'annotation_item', entityId: itemId, before: item, after: { ...after, labels: submission.labels } }],
      };
    });
  }

  /** Skip (to the back of the queue) or release (pending again): the holder gives the lock back. */
  giveBack(audit: AuditContext, itemId: string, userId: string, how: 'skip' | 'release'): Promise<void> {
    return auditedMutation(this.prisma, audit, async (tx) => {
      const item = await this.lockHeld(tx, itemId, userId);
      const after = await tx.annotationItem.update({ where: { id: itemId }, data: { status: how === 'skip' ? 'skipped' : 'pending', lockedById: null, lockExpiresAt: null } });
      return { result: undefined, audit: { action: `annotation_item.${how}`, entityType: 'annotation_item', entityId: itemId, before: item, after } };
    });
  }

  /** The item row locked for this transaction; 404 / 409 unless `userId` holds it. */
  private async lockHeld(tx: Prisma.TransactionClient, itemId: string, userId: string): Promise<HeldItem> {
    await tx.$queryRaw`SELECT id FROM annotation_items WHERE id = ${itemId}::uuid FOR UPDATE`;
    const item = await tx.annotationItem.findUnique({ where: { id: itemId }, include: { queue: { select: { lockTtlSeconds: true } } } });
    if (!item) throw AppError.notFound('annotation item', itemId, { param: 'itemId' });
    if (item.status === 'done') throw AppError.conflict(`annotation item '${itemId}' is already done`, { param: 'itemId', code: 'item_done' });
    if (item.status !== 'in_progress' || item.lockedById !== userId) {
      const expired = item.lockExpiresAt !== null && item.lockExpiresAt.getTime() <= Date.now();
      const why = item.lockedById && item.lockedById !== userId && !expired ? 'another annotator holds it' : 'you do not hold its lock (fetch it with annotations.next)';
      throw AppError.conflict(`annotation item '${itemId}' is not locked to you: ${why}`, { param: 'itemId', code: 'lock_not_held' });
    }
    return item;
  }
}

function lockEntry(itemId: string, action: string, userId: string, expiresAt: Date, previousHolder?: string | null) {
  return {
    action,
    entityType: 'annotation_item',
    entityId: itemId,
    after: { lockedById: userId, lockExpiresAt: expiresAt, ...(previousHolder && previousHolder !== userId ? { reclaimedFrom: previousHolder } : {}) },
  };
}

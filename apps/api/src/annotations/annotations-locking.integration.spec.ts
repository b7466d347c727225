/**
 * Locks on annotation items against the real server and Postgres: annotators fetching at the same
 * moment get distinct items; a holder fetching again gets its own item back; a lock that expired is
 * taken by the next annotator and the old holder can no longer submit; skip and release give the
 * lock back; progress counts follow; roles are checked.
 */
import type { TAnnotationItem, TAnnotationQueue, TFindAnnotationQueuesResponse, TNextAnnotationItemResponse } from '@prmbas/contracts';
import type { PrismaClient } from '@prmbas/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiWithRoles, userWithRole } from '../testing/auth-helpers';
import { buildRecords, importedVersion } from '../testing/dataset-fixtures';
import type { TestApi } from '../testing/test-api';
import { trpcMutation, trpcQuery } from '../testing/trpc-http';

describe('annotation locks', () => {
  let api: TestApi;
  let prisma: PrismaClient;
  let researcher: string;
  let viewer: string;
  let annotators: { cookie: string; id: string }[];
  let versionId: string;

  beforeAll(async () => {
    const started = await startApiWithRoles();
    ({ api, prisma, researcher, viewer } = started);
    const { admin } = started;
    annotators = [];
    for (let i = 0; i < 6; i++) {
      const a = await userWithRole(api, admin, 'annotator');
      annotators.push({ cookie: a.cookie, id: a.user.id });
    }
    versionId = (await importedVersion(api, researcher, await buildRecords({ size: 4, seed: 5 }))).version.id;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await api?.close();
  });

  let queueNumber = 0;
  const createQueue = async (source: Record<string, unknown>, lockTtlSeconds = 600) => {
    const created = await trpcMutation<TAnnotationQueue>(
      api,
      'annotations.createQueue',
      { name: `queue-${++queueNumber}`, lockTtlSeconds, source: { kind: 'dataset', datasetVersionId: versionId, valueMin: 0, valueMax: 1, ...source } },
      { cookie: researcher },
    );
    expect(created.error).toBeUndefined();
    return created.data!;
  };
  const next = async (queueId: string, cookie: string) => {
    const reply = await trpcMutation<TNextAnnotationItemResponse>(api, 'annotations.next', { queueId }, { cookie });
    expect(reply.error).toBeUndefined();
    return reply.data!.item;
  };
  const progressOf = async (queueId: string) => (await trpcQuery<TAnnotationQueue>(api, 'annotations.getQueue', { id: queueId }, { cookie: viewer })).data!.progress;

  it('gives annotators fetching at the same moment distinct items, and a holder its own item again', async () => {
    const queue = await createQueue({ limit: 20 });
    expect(queue).toMatchObject({ kind: 'steps', progress: { total: 20, pending: 20, inProgress: 0 } });
    for (let round = 0; round < 3; round++) {
      const items = await Promise.all(annotators.map((a) => next(queue.id, a.cookie)));
      const ids = items.map((item) => item!.id);
      // Each annotator keeps the item it holds: every round returns the same six.
      expect(new Set(ids).size).toBe(annotators.length);
      items.forEach((item, i) => expect(item!.lock?.holder?.id).toBe(annotators[i]!.id));
    }
    expect(await progressOf(queue.id)).toMatchObject({ total: 20, pending: 14, inProgress: 6 });
    const held = await prisma.annotationItem.findMany({ where: { queueId: queue.id, status: 'in_progress' } });
    expect(new Set(held.map((i) => i.lockedById)).size).toBe(6);

    // The most uncertain steps (values closest to 0.5) were handed out first.
    const all = await prisma.annotationItem.findMany({ where: { queueId: queue.id }, include: { datasetStep: true } });
    const distance = (i: (typeof all)[number]) => Math.abs(i.datasetStep!.value - 0.5);
    const taken = all.filter((i) => i.status === 'in_progress').map(distance);
    const left = all.filter((i) => i.status === 'pending').map(distance);
    expect(Math.max(...taken)).toBeLessThanOrEqual(Math.min(...left));
    const mine = (await next(queue.id, annotators[0]!.cookie))!;
    expect(mine.step).toMatchObject({ value: mine.suggestedScore, datasetVersionId: versionId, question: { images: [expect.objectContaining({ contentType: 'image/png' })] } });
  });

  it('drains a queue with six annotators working at once: every item labelled exactly once', async () => {
    const queue = await createQueue({ limit: 24, includeSiblings: true });
    const labelled: string[] = [];
    await Promise.all(
      annotators.map(async (a) => {
        for (let item = await next(queue.id, a.cookie); item; item = await next(queue.id, a.cookie)) {
          const done = await trpcMutation(api, 'annotations.submit', { itemId: item.id, labels: [{ label: 'correct' }] }, { cookie: a.cookie });
          expect(done.error).toBeUndefined();
          labelled.push(item.id);
        }
      }),
    );
    expect(labelled).toHaveLength(queue.progress.total);
    expect(new Set(labelled).size).toBe(queue.progress.total);
    expect(await progressOf(queue.id)).toMatchObject({ done: queue.progress.total, pending: 0, inProgress: 0 });
  });

  it('lets only the holder submit, skip or release', async () => {
    const queue = await createQueue({ limit: 5 });
    const [a, b] = annotators;
    const item = (await next(queue.id, a!.cookie))!;
    for (const procedure of ['annotations.submit', 'annotations.skip', 'annotations.release']) {
      const input = procedure === 'annotations.submit' ? { itemId: item.id, labels: [{ label: 'correct' }] } : { itemId: item.id };
      const refused = await trpcMutation(api, procedure, input, { cookie: b!.cookie });
      expect({ procedure, status: refused.error?.data.httpStatus }).toEqual({ procedure, status: 409 });
      expect(refused.error!.message).toMatch(/another annotator holds it/);
    }
    const done = await trpcMutation<TAnnotationItem>(api, 'annotations.submit', { itemId: item.id, labels: [{ label: 'correct' }] }, { cookie: a!.cookie });
    expect(done.data).toMatchObject({ status: 'done', lock: null, completedBy: { id: a!.id } });
    const twice = await trpcMutation(api, 'annotations.submit', { itemId: item.id, labels: [{ label: 'incorrect' }] }, { cookie: a!.cookie });
    expect(twice.error?.data).toMatchObject({ httpStatus: 409, param: 'itemId' });
  });

  it('hands an expired lock to the next annotator; the old holder can no longer submit', async () => {
    const queue = await createQueue({ limit: 1 }, 1);
    const [a, b] = annotators;
    const item = (await next(queue.id, a!.cookie))!;
    expect(await next(queue.id, b!.cookie)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(await progressOf(queue.id)).toMatchObject({ pending: 1, inProgress: 0 });
    const reclaimed = (await next(queue.id, b!.cookie))!;
    expect(reclaimed).toMatchObject({ id: item.id, lock: { holder: { id: b!.id } } });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: item.id, action: 'annotation_item.lock' }, orderBy: { createdAt: 'desc' } });
    expect(audit.after).toMatchObject({ lockedById: b!.id, reclaimedFrom: a!.id });
    const late = await trpcMutation(api, 'annotations.submit', { itemId: item.id, labels: [{ label: 'correct' }] }, { cookie: a!.cookie });
    expect(late.error?.data.httpStatus).toBe(409);
    // An expired lock nobody took is still its holder's to use.
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    const submitted = await trpcMutation<TAnnotationItem>(api, 'annotations.submit', { itemId: item.id, labels: [{ label: 'neutral' }] }, { cookie: b!.cookie });
    expect(submitted.data).toMatchObject({ status: 'done', completedBy: { id: b!.id } });
    expect(await progressOf(queue.id)).toMatchObject({ total: 1, done: 1, pending: 0 });
  });

  it('skip sends an item to the back of the queue; release makes it pending for anyone', async () => {
    const queue = await createQueue({ limit: 2 });
    const [a, b] = annotators;
    const first = (await next(queue.id, a!.cookie))!;
    const skipped = await trpcMutation<TAnnotationItem>(api, 'annotations.skip', { itemId: first.id }, { cookie: a!.cookie });
    expect(skipped.data).toMatchObject({ status: 'skipped', lock: null });
    const second = (await next(queue.id, a!.cookie))!;
    expect(second.id).not.toBe(first.id);
    // Nothing pending is left but the skipped item: it is served again.
    expect((await next(queue.id, b!.cookie))!.id).toBe(first.id);
    const released = await trpcMutation<TAnnotationItem>(api, 'annotations.release', { itemId: second.id }, { cookie: a!.cookie });
    expect(released.data).toMatchObject({ status: 'pending', lock: null });
    expect(await progressOf(queue.id)).toMatchObject({ total: 2, pending: 1, inProgress: 1, skipped: 0 });
    expect(await prisma.auditLog.count({ where: { entityId: { in: [first.id, second.id] }, action: { in: ['annotation_item.skip', 'annotation_item.release'] } } })).toBe(2);
  });

  it('adds items from another source without repeating queued ones, and lists items by status', async () => {
    const queue = await createQueue({ limit: 3 });
    const more = await trpcMutation<{ added: number; queue: TAnnotationQueue }>(
      api,
      'annotations.addItems',
      { queueId: queue.id, source: { kind: 'dataset', datasetVersionId: versionId, valueMin: 0, valueMax: 1, limit: 5 } },
      { cookie: researcher },
    );
    expect(more.data).toMatchObject({ added: 2, queue: { progress: { total: 5 } } });
    expect((more.data!.queue.filter as { sources: unknown[] }).sources).toHaveLength(2);
    const wrongKind = await trpcMutation(api, 'annotations.addItems', { queueId: queue.id, source: { kind: 'traces' } }, { cookie: researcher });
    expect(wrongKind.error?.data).toMatchObject({ httpStatus: 422, param: 'source.kind' });
    const taken = (await next(queue.id, annotators[0]!.cookie))!;
    const listed = await trpcQuery<{ items: TAnnotationItem[] }>(api, 'annotations.findItems', { queueId: queue.id, status: 'in_progress' }, { cookie: viewer });
    expect(listed.data!.items.map((i) => i.id)).toEqual([taken.id]);
    const item = await trpcQuery<TAnnotationItem>(api, 'annotations.getItem', { id: taken.id }, { cookie: viewer });
    expect(item.data).toMatchObject({ id: taken.id, lock: { holder: { id: annotators[0]!.id } } });
  });

  it('checks roles: viewers watch, annotators label, researchers make queues', async () => {
    const queue = await createQueue({ limit: 1 });
    expect((await trpcMutation(api, 'annotations.next', { queueId: queue.id }, { cookie: viewer })).error?.data.code).toBe('FORBIDDEN');
    const createdByAnnotator = await trpcMutation(api, 'annotations.createQueue', { name: 'nope', source: { kind: 'dataset', datasetVersionId: versionId } }, { cookie: annotators[0]!.cookie });
    expect(createdByAnnotator.error?.data.code).toBe('FORBIDDEN');
    const listed = await trpcQuery<TFindAnnotationQueuesResponse>(api, 'annotations.findQueues', {}, { cookie: viewer });
    expect(listed.data!.items.map((q) => q.id)).toContain(queue.id);
    expect((await trpcMutation(api, 'annotations.next', { queueId: queue.id })).error?.data.code).toBe('UNAUTHORIZED');
    const unknown = await trpcMutation(api, 'annotations.next', { queueId: '0190f0f0-0000-7000-8000-000000000001' }, { cookie: annotators[0]!.cookie });
    expect(unknown.error?.data).toMatchObject({ httpStatus: 404, param: 'queueId' });
    const dup = await trpcMutation(api, 'annotations.createQueue', { name: queue.name, source: { kind: 'dataset', datasetVersionId: versionId } }, { cookie: researcher });
    expect(dup.error?.data).toMatchObject({ httpStatus: 409, param: 'name' });
  });
});

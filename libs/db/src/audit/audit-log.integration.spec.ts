import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '../client';
import { createUser } from '../testing/fixtures';
import { auditedMutation, SYSTEM_ACTOR, writeAuditLog } from './audit-log';
import { useTestPrisma } from '../testing/use-test-prisma';

describe('audit log', () => {
  let prisma: PrismaClient;
  useTestPrisma((t) => void (prisma = t.prisma));

  it('records actor, action, entity, before/after (sanitised) and request id', async () => {
    const user = await createUser(prisma);
    const apiKey = await prisma.apiKey.create({ data: { name: 'ci', prefix: 'prm_ab12cd34', keyHash: 'f'.repeat(64), scopes: ['read'], ownerId: user.id } });
    const row = await writeAuditLog(
      prisma,
      { actor: { userId: user.id, apiKeyId: apiKey.id, label: 'api-key:prm_ab12cd34' }, requestId: 'req-42' },
      { action: 'api_key.create', entityType: 'api_key', entityId: apiKey.id, after: apiKey },
    );
    expect(row).toMatchObject({ actorUserId: user.id, actorApiKeyId: apiKey.id, actor: 'api-key:prm_ab12cd34', action: 'api_key.create', requestId: 'req-42', before: null });
    expect(row.after).toMatchObject({ prefix: 'prm_ab12cd34', keyHash: '[redacted]', createdAt: apiKey.createdAt.toISOString() });

    // The actor label outlives the user and the key.
    await prisma.user.delete({ where: { id: user.id } });
    expect(await prisma.auditLog.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ actorUserId: null, actorApiKeyId: null, actor: 'api-key:prm_ab12cd34' });
  });

  it('commits a mutation with its audit rows, or neither', async () => {
    const created = await auditedMutation(prisma, { actor: SYSTEM_ACTOR }, async (tx) => {
      const worker = await tx.worker.create({ data: { id: 'w-1', hostname: 'box', backend: 'cpu' } });
      return { result: worker, audit: { action: 'worker.register', entityType: 'worker', entityId: worker.id, after: worker } };
    });
    expect(await prisma.auditLog.count({ where: { entityId: created.id } })).toBe(1);

    await expect(
      auditedMutation(prisma, { actor: SYSTEM_ACTOR }, async (tx) => {
        await tx.worker.update({ where: { id: 'w-1' }, data: { hostname: 'other' } });
        await writeAuditLog(tx, { actor: SYSTEM_ACTOR }, { action: 'worker.update', entityType: 'worker', entityId: 'w-1' });
        throw new Error('validation failed after the write');
      }),
    ).rejects.toThrow('validation failed');
    expect(await prisma.worker.findUniqueOrThrow({ where: { id: 'w-1' } })).toMatchObject({ hostname: 'box' });
    expect(await prisma.auditLog.count({ where: { entityId: 'w-1', action: 'worker.update' } })).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../client';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database';
import { createModelVersion, createUser } from '../testing/fixtures';
import type { AuditContext } from '../audit/audit-log';
import { AliasConflictError, ModelVersionNotFoundError, moveAlias } from './model-alias';

describe('moveAlias', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let context: AuditContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url, { pool: { max: 16 } });
    const user = await createUser(prisma, { email: 'ada@example.com', role: 'admin' });
    context = { actor: { userId: user.id, label: 'user:ada@example.com' }, requestId: 'req-1' };
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  const auditRows = (name: string) =>
    prisma.auditLog.findMany({ where: { entityType: 'model_alias', entityId: name }, orderBy: { createdAt: 'asc' } });

  it('creates, moves and audits an alias; a move to the same version changes nothing', async () => {
    const [v1, v2] = [await createModelVersion(prisma), await createModelVersion(prisma)];
    const created = await moveAlias(prisma, context, { name: 'candidate', modelVersionId: v1.id });
    expect(created).toMatchObject({ previousModelVersionId: null, changed: true, alias: { modelVersionId: v1.id, updatedById: context.actor.userId } });
    const moved = await moveAlias(prisma, context, { name: 'candidate', modelVersionId: v2.id, expectedModelVersionId: v1.id });
    expect(moved).toMatchObject({ previousModelVersionId: v1.id, changed: true });
    expect(await moveAlias(prisma, context, { name: 'candidate', modelVersionId: v2.id })).toMatchObject({ changed: false });

    const rows = await auditRows('candidate');
    expect(rows.map((r) => [r.action, r.before, r.after])).toEqual([
      ['model_alias.move', null, { modelVersionId: v1.id }],
      ['model_alias.move', { modelVersionId: v1.id }, { modelVersionId: v2.id }],
    ]);
    expect(rows[0]).toMatchObject({ actor: 'user:ada@example.com', actorUserId: context.actor.userId, requestId: 'req-1' });
  });

  it('refuses a stale compare-and-set and an unknown model version, leaving the alias as it was', async () => {
    const [v1, v2] = [await createModelVersion(prisma), await createModelVersion(prisma)];
    await moveAlias(prisma, context, { name: 'staging', modelVersionId: v1.id });
    await expect(moveAlias(prisma, context, { name: 'staging', modelVersionId: v2.id, expectedModelVersionId: v2.id })).rejects.toBeInstanceOf(AliasConflictError);
    await expect(moveAlias(prisma, context, { name: 'fresh', modelVersionId: v2.id, expectedModelVersionId: v1.id })).rejects.toBeInstanceOf(AliasConflictError);
    await expect(moveAlias(prisma, context, { name: 'staging', modelVersionId: '01900000-0000-7000-8000-000000000000' })).rejects.toBeInstanceOf(ModelVersionNotFoundError);
    await expect(moveAlias(prisma, context, { name: 'Not An Alias', modelVersionId: v1.id })).rejects.toBeInstanceOf(RangeError);
    expect(await prisma.modelAlias.findUnique({ where: { name: 'staging' } })).toMatchObject({ modelVersionId: v1.id });
    expect(await prisma.modelAlias.findUnique({ where: { name: 'fresh' } })).toBeNull();
    expect(await auditRows('staging')).toHaveLength(1);
  });

  it('keeps concurrent moves consistent: one chain of audited moves ending where the alias points', async () => {
    const versions = await Promise.all(Array.from({ length: 13 }, () => createModelVersion(prisma)));
    const [initial, ...targets] = versions;
    await moveAlias(prisma, context, { name: 'production', modelVersionId: initial!.id });

    const results = await Promise.all(targets.map((v) => moveAlias(prisma, context, { name: 'production', modelVersionId: v.id })));
    expect(results.every((r) => r.changed)).toBe(true);

    // Every move saw the previous one: following before → after from the initial version visits
    // every move exactly once and ends at the alias' current target.
    const rows = await auditRows('production');
    expect(rows).toHaveLength(targets.length + 1);
    const next = new Map(rows.slice(1).map((r) => [(r.before as { modelVersionId: string }).modelVersionId, (r.after as { modelVersionId: string }).modelVersionId]));
    expect(next.size).toBe(targets.length); // no two moves started from the same version (no lost update)
    let at = initial!.id;
    for (let i = 0; i < targets.length; i++) at = next.get(at)!;
    expect(at).toBeDefined();
    const alias = await prisma.modelAlias.findUniqueOrThrow({ where: { name: 'production' } });
    expect(alias.modelVersionId).toBe(at);
    // And the audit rows, written with clock_timestamp(), are in the order the moves happened.
    expect((rows.at(-1)!.after as { modelVersionId: string }).modelVersionId).toBe(alias.modelVersionId);
  });
});

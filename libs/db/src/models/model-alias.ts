/**
 * Moving a model alias (`production`, `candidate`): one transaction that serialises moves of the
 * same name (a transaction-scoped advisory lock, which also covers an alias that does not exist
 * yet), reads the current target, optionally checks it (compare-and-set), moves it and writes the
 * audit row. Concurrent moves therefore form one chain: each audit row's `before` is the previous
 * row's `after`, and the alias ends at the last row's `after`.
 */
import type { PrismaClient } from '../client';
import { auditedMutation, type AuditContext } from '../audit/audit-log';
import type { ModelAlias } from '../generated/prisma/client';

export interface MoveAliasInput {
  name: string;
  modelVersionId: string;
  /**
   * Compare-and-set: the version the caller believes the alias points at (null: must not exist yet).
   * Omitted: move unconditionally.
   */
  expectedModelVersionId?: string | null;
}

export interface MoveAliasResult {
  alias: ModelAlias;
  previousModelVersionId: string | null;
  /** False when the alias already pointed at the version (nothing written, no audit row). */
  changed: boolean;
}

export class AliasConflictError extends Error {
  constructor(
    readonly alias: string,
    readonly expected: string | null,
    readonly actual: string | null,
  ) {
    super(`alias '${alias}' points at ${actual ?? 'nothing'}, not ${expected ?? 'nothing'} as expected; reload and retry`);
    this.name = 'AliasConflictError';
  }
}

export class ModelVersionNotFoundError extends Error {
  constructor(readonly modelVersionId: string) {
    super(`model version ${modelVersionId} does not exist`);
    this.name = 'ModelVersionNotFoundError';
  }
}

const ALIAS_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export async function moveAlias(prisma: PrismaClient, context: AuditContext, input: MoveAliasInput): Promise<MoveAliasResult> {
  if (!ALIAS_NAME.test(input.name)) {
    throw new RangeError(`alias name '${input.name}' must be 1–63 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit`);
  }
  return auditedMutation<MoveAliasResult>(prisma, context, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`model_alias:${input.name}`}, 0))`;
    const current = await tx.modelAlias.findUnique({ where: { name: input.name } });
    const previous = current?.modelVersionId ?? null;
    if (input.expectedModelVersionId !== undefined && input.expectedModelVersionId !== previous) {
      throw new AliasConflictError(input.name, input.expectedModelVersionId, previous);
    }
    if (current && previous === input.modelVersionId) return { result: { alias: current, previousModelVersionId: previous, changed: false }, audit: [] };
    if (!(await tx.modelVersion.findUnique({ where: { id: input.modelVersionId }, select: { id: true } }))) {
      throw new ModelVersionNotFoundError(input.modelVersionId);
    }
    const updatedById = context.actor.userId ?? null;
    const alias = await tx.modelAlias.upsert({
      where: { name: input.name },
      create: { name: input.name, modelVersionId: input.modelVersionId, updatedById },
      update: { modelVersionId: input.modelVersionId, updatedById },
    });
    return {
      result: { alias, previousModelVersionId: previous, changed: true },
      audit: {
        action: 'model_alias.move',
        entityType: 'model_alias',
        entityId: input.name,
        before: current ? { modelVersionId: previous } : null,
        after: { modelVersionId: input.modelVersionId },
      },
    };
  });
}

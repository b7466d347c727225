/**
 * Aliases (`production`, `candidate`): movable names for model versions. A move is a
 * compare-and-set: the caller says which version it believes the alias points at (what its
 * confirmation dialog showed), and a move made meanwhile by someone else makes it a 409 with
 * nothing changed, instead of silently overwriting that move.
 */
import { z } from 'zod';
import { ZDateTime, ZId } from '../common/schemas';

/** Same rule as the database's (`moveAlias` of @prmbas/db). */
export const ZModelAliasName = z
  .string({ error: 'must be an alias name' })
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'must be 1-63 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit');

export const ZModelAlias = z
  .object({
    name: z.string(),
    modelVersion: z.object({ id: ZId, version: z.number().int(), name: z.string() }),
    updatedBy: z.object({ id: ZId, email: z.string() }).nullable(),
    createdAt: ZDateTime,
    updatedAt: ZDateTime,
  })
  .meta({ id: 'ModelAlias' });
export type TModelAlias = z.infer<typeof ZModelAlias>;

export const ZFindModelAliasesResponse = z.object({ items: z.array(ZModelAlias) });
export type TFindModelAliasesResponse = z.infer<typeof ZFindModelAliasesResponse>;

export const ZMoveModelAliasRequest = z
  .strictObject({
    name: ZModelAliasName,
    modelVersionId: z.uuid({ error: 'must be a model version id (UUID)' }),
    /** The version the alias points at as the caller saw it; null: the alias must not exist yet. Required: moves never race blind. */
    expectedModelVersionId: z.uuid({ error: 'must be a model version id (UUID) or null' }).nullable(),
  })
  .meta({ id: 'MoveModelAliasRequest' });
export type TMoveModelAliasRequest = z.infer<typeof ZMoveModelAliasRequest>;

export const ZMoveModelAliasResponse = z.object({
  alias: ZModelAlias,
  previousModelVersionId: ZId.nullable(),
  /** False when it already pointed there (nothing written, no audit row). */
  changed: z.boolean(),
});
export type TMoveModelAliasResponse = z.infer<typeof ZMoveModelAliasResponse>;

/** Where an alias pointed over time (from the audit log), newest first. */
export const ZModelAliasHistoryRequest = z.strictObject({
  name: ZModelAliasName,
  limit: z.number({ error: 'must be an integer in [1, 200]' }).int().min(1, 'must be an integer in [1, 200]').max(200, 'must be an integer in [1, 200]').default(50),
});
export type TModelAliasHistoryRequest = z.infer<typeof ZModelAliasHistoryRequest>;
export const ZModelAliasHistoryResponse = z.object({
  items: z.array(z.object({ at: ZDateTime, actor: z.string(), fromModelVersionId: ZId.nullable(), toModelVersionId: ZId, requestId: z.string().nullable() })),
});
export type TModelAliasHistoryResponse = z.infer<typeof ZModelAliasHistoryResponse>;

/**
 * Evaluations: strategies × compute budgets over the same questions (a dataset version's or the
 * synth suite), policy and PRM — the accuracy-vs-compute figure of the PRM-BAS paper and its table.
 * Each (strategy, budget) pair is one benchmark row of an `eval.run` job; the evaluation's id is
 * that job's id.
 */
import { z } from 'zod';
import { ZDateTime, ZId } from '../common/schemas';
import { ZJobRequirements, ZJobStatus } from '../jobs/job-kinds';
import { ZEvalSource, ZPolicySpec } from '../jobs/job-payloads';
import { ZModelAliasName } from '../models/model-alias.schemas';

/**
 * The knob a budget sets, per search strategy (@prmbas/search configs): how many candidates the
 * search may afford. Greedy has none (one chain). `prm-bas` budgets its initial beam b0 (the
 * schedule anneals from there).
 */
export const BUDGET_PARAMETERS = {
  greedy: null,
  'self-consistency': 'n',
  'best-of-n': 'n',
  beam: 'width',
  dvts: 'n',
  'prm-bas': 'schedule.b0',
} as const satisfies Record<string, string | null>;

/** At most this many (strategy, budget) rows per evaluation: each is a full pass over the questions. */
export const MAX_EVALUATION_ROWS = 64;

const intIn = (min: number, max: number) => {
  const msg = `must be an integer in [${min}, ${max}]`;
  return z.number({ error: msg }).int(msg).min(min, msg).max(max, msg);
};

/** The PRM steering the searches: none, Monte-Carlo rollouts, a model version, or an alias (resolved when the evaluation starts). */
export const ZEvalPrmRef = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('none') }),
    z.strictObject({ kind: z.literal('mc'), rollouts: intIn(1, 256).optional(), temperature: z.number().min(0).max(10).optional(), maxDepth: intIn(1, 64).optional() }),
    z.strictObject({ kind: z.literal('model'), modelVersionId: z.uuid({ error: 'must be a model version id (UUID)' }) }),
    z.strictObject({ kind: z.literal('alias'), alias: ZModelAliasName }),
  ],
  { error: 'kind must be none, mc, model or alias' },
);
export type TEvalPrmRef = z.infer<typeof ZEvalPrmRef>;

export const ZEvalStrategyRequest = z.strictObject({
  /** The series label in the plot and table (e.g. `prm-bas`, `beam-last`). */
  name: z.string({ error: 'must be a label' }).regex(/^[A-Za-z0-9][A-Za-z0-9 ._+-]{0,47}$/, 'must be 1-48 characters of letters, digits, space, ".", "_", "+" or "-"'),
  /** A search config of @prmbas/search (`{ strategy: 'prm-bas', k: 4, ... }`); the budget knob is set per budget. */
  config: z.record(z.string(), z.unknown(), { error: 'must be an object' }),
  /** Budgets to sweep (see BUDGET_PARAMETERS); omitted: the config as given, one point. */
  budgets: z
    .array(intIn(1, 4096))
    .min(1, 'must list at least one budget')
    .max(12, 'at most 12 budgets')
    .refine((b) => new Set(b).size === b.length, 'must not repeat a budget')
    .optional(),
});
export type TEvalStrategyRequest = z.infer<typeof ZEvalStrategyRequest>;

export const ZCreateEvaluationRequest = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
    source: ZEvalSource,
    policy: ZPolicySpec,
    prm: ZEvalPrmRef.default({ kind: 'none' }),
    strategies: z
      .array(ZEvalStrategyRequest)
      .min(1, 'must list at least one strategy')
      .max(16, 'at most 16 strategies')
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((s, i) => {
          if (seen.has(s.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `'${s.name}' is used twice; labels must differ` });
          seen.add(s.name);
        });
        const rows = list.reduce((n, s) => n + (s.budgets?.length ?? 1), 0);
        if (rows > MAX_EVALUATION_ROWS) ctx.addIssue({ code: 'custom', path: [], message: `${rows} strategy × budget rows; at most ${MAX_EVALUATION_ROWS}` });
      }),
    seed: z.number({ error: 'must be an integer' }).int('must be an integer').default(0),
    /** Questions searched at once (helps remote policies; the simulated one is CPU-bound). */
    concurrency: intIn(1, 64).default(4),
    requirements: ZJobRequirements.default({}),
  })
  .meta({ id: 'CreateEvaluationRequest' });
export type TCreateEvaluationRequest = z.infer<typeof ZCreateEvaluationRequest>;
export type TCreateEvaluationInput = z.input<typeof ZCreateEvaluationRequest>;

/** One (strategy, budget) row: a point of the plot and a row of the table. */
export const ZEvalPoint = z.object({
  /** The strategy's label (one line of the plot). */
  series: z.string(),
  /** The search algorithm (`prm-bas`, `beam`, ...). */
  strategy: z.string(),
  /** The budget knob's value; null when the strategy was run as configured. */
  budget: z.number().int().nullable(),
  /** The row's label, `series@budget`. */
  name: z.string(),
  accuracy: z.number(),
  /** Wilson 95% interval of the accuracy. */
  ci95: z.tuple([z.number(), z.number()]),
  correct: z.number().int(),
  total: z.number().int(),
  /** Questions whose search failed (counted as incorrect). */
  errors: z.number().int(),
  /** Per question: the compute axes of the plot. `scorerPolicyCalls`: rollouts a Monte-Carlo PRM spent. */
  mean: z.object({ generatedSteps: z.number(), policyCalls: z.number(), prmScoredSteps: z.number(), scorerPolicyCalls: z.number(), searchMs: z.number() }),
  totals: z.object({ generatedSteps: z.number(), policyCalls: z.number(), prmScoredSteps: z.number(), prmBatches: z.number(), tokens: z.number().nullable() }),
  wallMs: z.number(),
});
export type TEvalPoint = z.infer<typeof ZEvalPoint>;

export const ZEvaluation = z
  .object({
    id: ZId,
    name: z.string().nullable(),
    status: ZJobStatus,
    progress: z.number().nullable(),
    error: z.string().nullable(),
    attempts: z.number().int(),
    workerId: z.string().nullable(),
    requirements: z.object({ gpu: z.boolean().optional(), backend: z.string().optional() }),
    source: z.record(z.string(), z.unknown()),
    policy: z.record(z.string(), z.unknown()),
    /** As run: an alias is stored with the version it resolved to when the evaluation started. */
    prm: z.object({ kind: z.string(), modelVersionId: ZId.nullable(), alias: z.string().nullable(), modelVersion: z.object({ id: ZId, version: z.number().int(), name: z.string() }).nullable() }),
    /** What was asked: each series with its strategy and budgets (null: as configured). */
    series: z.array(z.object({ name: z.string(), strategy: z.string(), budgets: z.array(z.number().int().nullable()) })),
    seed: z.number().int(),
    /** Questions evaluated (known when it succeeded). */
    questions: z.number().int().nullable(),
    /** Empty until the evaluation succeeded; ordered by series as asked, then budget. */
    points: z.array(ZEvalPoint),
    createdBy: z.object({ id: ZId, email: z.string() }).nullable(),
    cancelRequestedAt: ZDateTime.nullable(),
    createdAt: ZDateTime,
    startedAt: ZDateTime.nullable(),
    finishedAt: ZDateTime.nullable(),
  })
  .meta({ id: 'Evaluation' });
export type TEvaluation = z.infer<typeof ZEvaluation>;

export const ZCreateEvaluationResponse = ZEvaluation;
export const ZGetEvaluationRequest = z.strictObject({ id: z.uuid({ error: 'must be an evaluation id (UUID)' }) });
export type TGetEvaluationRequest = z.infer<typeof ZGetEvaluationRequest>;
export const ZGetEvaluationResponse = ZEvaluation;
export const ZCancelEvaluationRequest = ZGetEvaluationRequest;
export type TCancelEvaluationRequest = z.infer<typeof ZCancelEvaluationRequest>;
export const ZCancelEvaluationResponse = ZEvaluation;

export const ZFindEvaluationsRequest = z.strictObject({
  status: ZJobStatus.optional(),
  /** Evaluations on this dataset version's questions. */
  datasetVersionId: z.uuid({ error: 'must be a dataset version id (UUID)' }).optional(),
  limit: intIn(1, 200).default(50),
  cursor: z.uuid({ error: 'must be an evaluation id' }).optional(),
});
export type TFindEvaluationsRequest = z.infer<typeof ZFindEvaluationsRequest>;
export const ZFindEvaluationsResponse = z.object({ items: z.array(ZEvaluation), nextCursor: ZId.nullable() });
export type TFindEvaluationsResponse = z.infer<typeof ZFindEvaluationsResponse>;

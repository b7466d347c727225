/**
 * Deployments: a served configuration of the OpenAI-compatible API. `name` is the OpenAI `model`
 * field; the policy is the simulated one or an OpenAI-compatible server; the PRM is a pinned model
 * version, an alias resolved at every request, an external reward server, or none; the strategy is
 * a search config of @prmbas/search (validated by the API with the library's own rules, stored
 * complete with its defaults so what is shown is what runs).
 *
 * Secrets are never part of a deployment: an endpoint's API key is read at request time from the
 * API server's environment variable named in `apiKeyEnv`.
 */
import { z } from 'zod';
import { ZDateTime, ZId } from '../common/schemas';

const int = (min: number, max: number) => {
  const msg = `must be an integer in [${min}, ${max}]`;
  return z.number({ error: msg }).int(msg).min(min, msg).max(max, msg);
};
const numberIn = (min: number, max: number) => {
  const msg = `must be a number in [${min}, ${max}]`;
  return z.number({ error: msg }).min(min, msg).max(max, msg);
};
const httpUrl = (example: string) =>
  z.url({ protocol: /^https?$/, error: `must be an http(s) URL such as ${example}` }).refine((u) => !/\/\/[^/]*@/.test(u), 'must not contain credentials (name an environment variable in apiKeyEnv)');

/** OpenAI model ids are free-form; ours stay URL- and log-safe. */
export const ZDeploymentName = z
  .string({ error: 'must be a deployment name' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'must be 1-64 characters of letters, digits, ".", "_", ":" or "-", starting with a letter or digit (it is the OpenAI `model` field)');

/** Same rule as the database's aliases (`moveAlias` of @prmbas/db). */
const ZAliasName = z.string({ error: 'must be an alias name' }).regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'must be an alias name such as production');

export const ZEnvVarName = z
  .string({ error: 'must name an environment variable' })
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must name an environment variable of the API server, such as VLLM_API_KEY');

/** A key given inline is refused with a message saying where it belongs instead. */
const noInlineKey = z.never({ error: 'API keys are never stored: put the key in an environment variable of the API server and name it in apiKeyEnv' }).optional();

export const ZDeploymentPolicy = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('sim'),
      /** SimPolicy capability (default 0.6, calibrated in @prmbas/policy). */
      capability: numberIn(0, 1).optional(),
      /** Artificial delay per propose call, to emulate a model server. */
      latencyMs: numberIn(0, 60_000).optional(),
    }),
    z.strictObject({
      kind: z.literal('openai'),
      baseUrl: httpUrl('http://localhost:8000/v1'),
      model: z.string().trim().min(1, 'must name the model the server serves').max(256),
      /** Environment variable of the API server holding the Bearer key; omitted for local servers. */
      apiKeyEnv: ZEnvVarName.optional(),
      apiKey: noInlineKey,
      continuation: z.enum(['auto', 'continue', 'instruct'], { error: 'must be auto, continue or instruct' }).optional(),
      systemPrompt: z.string().max(8000).optional(),
      maxTokensPerStep: int(1, 32_768).optional(),
      timeoutMs: int(1000, 600_000).optional(),
      /** HTTP requests to this server in flight at once, across all requests of the deployment. */
      concurrency: int(1, 256).optional(),
    }),
  ],
  { error: 'kind must be sim or openai' },
);
export type TDeploymentPolicy = z.infer<typeof ZDeploymentPolicy>;

export const ZDeploymentPrm = z.discriminatedUnion(
  'kind',
  [
    /** Only for strategies that use no PRM (greedy, self-consistency). */
    z.strictObject({ kind: z.literal('none') }),
    /** A pinned model version. */
    z.strictObject({ kind: z.literal('model'), modelVersionId: z.uuid({ error: 'must be a model version id (UUID)' }) }),
    /** An alias (`production`), resolved at every request: moving it changes the next request's PRM. */
    z.strictObject({ kind: z.literal('alias'), alias: ZAliasName }),
    /** An external reward-model server (HttpPrm of @prmbas/prm: vLLM pooling or classify). */
    z.strictObject({
      kind: z.literal('http'),
      baseUrl: httpUrl('http://localhost:8001'),
      model: z.string().trim().min(1, 'must name the reward model the server serves').max(256),
      format: z.enum(['vllm-pooling', 'classify'], { error: 'must be vllm-pooling or classify' }).optional(),
      endpoint: z.string().regex(/^\/\S*$/, 'must be a path starting with /').optional(),
      apiKeyEnv: ZEnvVarName.optional(),
      apiKey: noInlineKey,
      stepSeparator: z.string().min(1).max(64).optional(),
      includeImages: z.boolean().optional(),
      timeoutMs: int(1000, 600_000).optional(),
      concurrency: int(1, 256).optional(),
    }),
  ],
  { error: 'kind must be none, model, alias or http' },
);
export type TDeploymentPrm = z.infer<typeof ZDeploymentPrm>;

/** A search config of @prmbas/search (`strategy` plus its fields); the API validates it. */
export const ZStrategyConfig = z.record(z.string(), z.unknown(), { error: 'must be a search config object such as { "strategy": "prm-bas" }' });

export const DEPLOYMENT_STATUSES = ['active', 'paused', 'archived'] as const;
export const ZDeploymentStatus = z.enum(DEPLOYMENT_STATUSES, { error: 'must be active, paused or archived' });

export const ZDeployment = z
  .object({
    id: ZId,
    name: z.string(),
    description: z.string().nullable(),
    /** active: served; paused: 409 on requests, still listed; archived: gone from /v1/models (404). */
    status: ZDeploymentStatus,
    policy: ZDeploymentPolicy,
    prm: ZDeploymentPrm,
    /** The model version the PRM resolves to now (pinned, or the alias' current target). */
    prmTarget: z.object({ id: ZId, version: z.number().int(), name: z.string() }).nullable(),
    /** The complete search config (defaults filled in). */
    strategy: ZStrategyConfig,
    /** Whether each `apiKeyEnv` named by the policy / PRM is set on this API server. */
    secretsPresent: z.boolean(),
    createdBy: z.object({ id: ZId, email: z.string() }).nullable(),
    createdAt: ZDateTime,
    updatedAt: ZDateTime,
  })
  .meta({ id: 'Deployment' });
export type TDeployment = z.infer<typeof ZDeployment>;

export const ZCreateDeploymentRequest = z
  .strictObject({
    name: ZDeploymentName,
    description: z.string().max(2000).nullable().optional(),
    policy: ZDeploymentPolicy,
    prm: ZDeploymentPrm,
    /** Default: PRM-BAS with the library's defaults. */
    strategy: ZStrategyConfig.default({ strategy: 'prm-bas' }),
    status: z.enum(['active', 'paused'], { error: 'must be active or paused' }).default('active'),
  })
  .meta({ id: 'CreateDeploymentRequest' });
export type TCreateDeploymentRequest = z.infer<typeof ZCreateDeploymentRequest>;
export type TCreateDeploymentInput = z.input<typeof ZCreateDeploymentRequest>;
export const ZCreateDeploymentResponse = ZDeployment;

/** Fields given replace the stored ones (a new strategy replaces the whole config). */
export const ZUpdateDeploymentFields = z.strictObject({
  name: ZDeploymentName.optional(),
  description: z.string().max(2000).nullable().optional(),
  policy: ZDeploymentPolicy.optional(),
  prm: ZDeploymentPrm.optional(),
  strategy: ZStrategyConfig.optional(),
  /** `active` also restores an archived deployment. */
  status: ZDeploymentStatus.optional(),
});
export const ZUpdateDeploymentRequest = ZUpdateDeploymentFields.extend({ id: z.uuid({ error: 'must be a deployment id (UUID)' }) }).meta({ id: 'UpdateDeploymentRequest' });
export type TUpdateDeploymentRequest = z.infer<typeof ZUpdateDeploymentRequest>;
export const ZUpdateDeploymentResponse = ZDeployment;

/** By id or by name. */
export const ZGetDeploymentRequest = z
  .union([z.strictObject({ id: z.uuid({ error: 'must be a deployment id (UUID)' }) }), z.strictObject({ name: ZDeploymentName })], {
    error: 'give the deployment id or its name',
  })
  .meta({ id: 'GetDeploymentRequest' });
export type TGetDeploymentRequest = z.infer<typeof ZGetDeploymentRequest>;
export const ZGetDeploymentResponse = ZDeployment;

export const ZFindDeploymentsRequest = z
  .strictObject({
    status: ZDeploymentStatus.optional(),
    /** Archived deployments are left out unless asked for (or `status: archived`). */
    includeArchived: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], { error: 'must be true or false' }).default(false),
    limit: z.coerce.number({ error: 'must be a number' }).int('must be an integer').min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
    /** The `nextCursor` of the previous page. */
    cursor: z.uuid({ error: 'must be a deployment id' }).optional(),
  })
  .meta({ id: 'FindDeploymentsRequest' });
export type TFindDeploymentsRequest = z.infer<typeof ZFindDeploymentsRequest>;
export const ZFindDeploymentsResponse = z.object({ items: z.array(ZDeployment), nextCursor: ZId.nullable() }).meta({ id: 'FindDeploymentsResponse' });
export type TFindDeploymentsResponse = z.infer<typeof ZFindDeploymentsResponse>;

/** Archives (deployments keep their traces; a deleted name stays reserved). */
export const ZDeleteDeploymentRequest = z.strictObject({ id: z.uuid({ error: 'must be a deployment id (UUID)' }) }).meta({ id: 'DeleteDeploymentRequest' });
export type TDeleteDeploymentRequest = z.infer<typeof ZDeleteDeploymentRequest>;
export const ZDeleteDeploymentResponse = ZDeployment;

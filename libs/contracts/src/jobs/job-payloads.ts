/**
 * What each job kind is asked to do (the `payload` of a job). Plain data: the worker rebuilds the
 * suite, policy and configs from it, so a retried job on another machine does the same work.
 * Fields the libraries validate further (build config, trainer config, search configs) are
 * checked again where they are used, with the libraries' own rules.
 */
import { z } from 'zod';

const int = (min: number, max?: number) => {
  const msg = max === undefined ? `must be an integer >= ${min}` : `must be an integer in [${min}, ${max}]`;
  const base = z.number({ error: msg }).int(msg).min(min, msg);
  return max === undefined ? base : base.max(max, msg);
};
const numberIn = (min: number, max: number) => {
  const msg = `must be a number in [${min}, ${max}]`;
  return z.number({ error: msg }).min(min, msg).max(max, msg);
};
const uuid = () => z.uuid({ error: 'must be a UUID' });

/** The built-in synthetic multimodal suite (`@prmbas/tasks` generateSuite): deterministic per (size, seed, ...). */
export const ZSynthSuiteSpec = z.strictObject({
  kind: z.literal('synth'),
  size: int(1, 100_000),
  seed: z.number({ error: 'must be an integer' }).int('must be an integer').default(0),
  /** One level for all questions or a set to draw from; default the 1-3 mix. */
  difficulty: z.array(z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'must be 1, 2 or 3' })).min(1).optional(),
  families: z.array(z.enum(['shapes', 'bars'], { error: 'must be shapes or bars' })).min(1).optional(),
});
export type TSynthSuiteSpec = z.infer<typeof ZSynthSuiteSpec>;

/**
 * The policy model: the built-in simulated policy, or an OpenAI-compatible server (vLLM, SGLang,
 * Ollama, OpenAI). The API key is never part of a job: the worker reads OPENAI_API_KEY itself.
 */
export const ZPolicySpec = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('sim'),
      capability: numberIn(0, 1).optional(),
      latencyMs: numberIn(0, 60_000).optional(),
    }),
    z.strictObject({
      kind: z.literal('openai'),
      baseUrl: z.url({ error: 'must be a URL such as http://localhost:8000/v1' }),
      model: z.string().min(1, 'must name the model the server serves'),
    }),
  ],
  { error: 'kind must be sim or openai' },
);
export type TPolicySpec = z.infer<typeof ZPolicySpec>;

/** `DatasetBuildConfig` of @prmbas/rollouts (all optional: its defaults apply). */
export const ZDatasetBuildConfig = z.strictObject({
  solutions: int(1, 256).optional(),
  rollouts: int(1, 1024).optional(),
  siblings: int(0, 64).optional(),
  siblingStates: z.union([z.enum(['all', 'none', 'first-error']), numberIn(0, 1)], { error: 'must be all, none, first-error or a fraction in (0, 1]' }).optional(),
  distinctSiblings: z.boolean().optional(),
  errorValue: numberIn(0, 1).optional(),
  maxSteps: int(1, 64).optional(),
  temperature: numberIn(0, 10).optional(),
  concurrency: int(1, 256).optional(),
  seed: z.number().int('must be an integer').optional(),
});

/** `dataset.build`: Monte-Carlo step values and sibling groups into a (building) dataset version. */
export const ZDatasetBuildPayload = z.strictObject({
  datasetVersionId: uuid(),
  suite: ZSynthSuiteSpec,
  policy: ZPolicySpec,
  build: ZDatasetBuildConfig.default({}),
});
export type TDatasetBuildPayload = z.infer<typeof ZDatasetBuildPayload>;

/** `prm.train`: a training run (its config lives on the run, see ZTrainingRunConfig). */
export const ZPrmTrainPayload = z.strictObject({ trainingRunId: uuid() });
export type TPrmTrainPayload = z.infer<typeof ZPrmTrainPayload>;

/**
 * `TrainingRun.config`: which model kind to train (a kind the workers register, e.g. the
 * multimodal PRM), its config, the trainer's config (`TrainerConfigInput` of @prmbas/prm), the
 * share of questions held out for evaluation, and how many checkpoints to keep (0 = all).
 */
export const ZTrainingRunConfig = z.strictObject({
  model: z.strictObject({
    kind: z.string().min(1, 'must name a model kind'),
    config: z.record(z.string(), z.unknown()).default({}),
  }),
  trainer: z.record(z.string(), z.unknown()).default({}),
  heldOutShare: numberIn(0, 0.9).default(0.2),
  checkpointKeep: int(0).default(3),
});
export type TTrainingRunConfig = z.infer<typeof ZTrainingRunConfig>;

/** The PRM an evaluation scores with: none, Monte-Carlo rollouts, or a trained model version. */
export const ZEvalPrmSpec = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('none') }),
    z.strictObject({ kind: z.literal('mc'), rollouts: int(1, 256).optional(), temperature: numberIn(0, 10).optional(), maxDepth: int(1, 64).optional() }),
    z.strictObject({
      kind: z.literal('model'),
      modelVersionId: uuid(),
      /** The alias the version was resolved from when the job was enqueued (shown, not used). */
      alias: z.string().min(1).max(63).optional(),
    }),
  ],
  { error: 'kind must be none, mc or model' },
);
export type TEvalPrmSpec = z.infer<typeof ZEvalPrmSpec>;

/** Questions of an evaluation: a dataset version's questions, or the synth suite. */
export const ZEvalSource = z.discriminatedUnion(
  'kind',
  [z.strictObject({ kind: z.literal('dataset'), datasetVersionId: uuid(), limit: int(1).optional() }), ZSynthSuiteSpec],
  { error: 'kind must be dataset or synth' },
);

/**
 * `eval.run`: strategies (search configs of @prmbas/search, checked by the API) over the same
 * questions. An evaluation (apps/api evaluations) sweeps budgets: each (strategy, budget) pair is
 * one entry here, `series` naming its strategy's label and `budget` the value it was given; the
 * worker copies both into the entry's result row so the result plots on its own.
 */
export const ZEvalRunPayload = z.strictObject({
  /** A title for lists (evaluations). */
  name: z.string().min(1).max(200).optional(),
  source: ZEvalSource,
  policy: ZPolicySpec,
  prm: ZEvalPrmSpec.default({ kind: 'none' }),
  strategies: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(64),
        config: z.record(z.string(), z.unknown()),
        series: z.string().min(1).max(64).optional(),
        budget: int(1).optional(),
      }),
    )
    .min(1, 'must list at least one strategy')
    .max(64, 'at most 64 strategies'),
  seed: z.number().int('must be an integer').default(0),
  concurrency: int(1, 64).default(4),
});
export type TEvalRunPayload = z.infer<typeof ZEvalRunPayload>;

export const JOB_PAYLOAD_SCHEMAS = {
  'dataset.build': ZDatasetBuildPayload,
  'prm.train': ZPrmTrainPayload,
  'eval.run': ZEvalRunPayload,
} as const;

/**
 * Every parameter of every strategy, in one validated object discriminated by `strategy`.
 *
 * The paper's exact constants could not be read (see PRM-BAS.md), so each default below says
 * where it comes from: a paper statement, huggingface/search-and-learn's `sal/config.py`, or a
 * choice made for this project's synthetic suite (3–5 step solutions). Change them here only.
 */
import { z } from 'zod';

/** Defaults, one place. Each line says where the number comes from. */
export const SEARCH_DEFAULTS = {
  /** search-and-learn `seed` is 42; 0 keeps hand-written traces short. Any integer works. */
  seed: 0,
  /** Project choice: synthetic solutions take 3–5 steps; 8 leaves room for detours. */
  maxDepth: 8,
  /** Project choice: max in-flight policy calls; enough to fill one vLLM/SGLang server, gentle on Ollama. */
  concurrency: 8,
  /** search-and-learn `temperature = 0.8` for sampled strategies. */
  temperature: 0.8,
  /** search-and-learn `n = 4` is its smallest budget; 8 matches PRM-BAS's default b0 for equal-compute runs. */
  n: 8,
  /** search-and-learn `agg_strategy = "last"`; PRM-BAS.md: default last. */
  aggregation: 'last',
  /** PRM-BAS.md: answer = best aggregated finished beam unless the vote option is chosen. */
  select: 'best',
  /** search-and-learn `beam_width = 4` ("m in the paper") for beam search and DVTS. */
  beamWidth: 4,
  /** search-and-learn `beam_width = 4`: candidates each live beam proposes per depth. */
  k: 4,
  /** search-and-learn DVTS runs n = 16 with m = 4 (4 subtrees) as its smallest DVTS budget. */
  dvtsN: 16,
  /** PRM-BAS: wide first beam; value not readable from the paper, 8 = 2x search-and-learn's width. */
  b0: 8,
  /** PRM-BAS: the beam never anneals below this; project choice (keeps a runner-up beam alive). */
  bMin: 2,
  /** PRM-BAS linear schedule step per depth; project choice: 8 → 6 → 4 → 2 over a 3–5 step solution. */
  delta: 2,
  /** PRM-BAS exponential schedule ratio; project choice: halve the beam each depth. */
  gamma: 0.5,
  /** Adaptive schedule (beyond the paper): shrink when the top-b score spread exceeds this; project choice. */
  threshold: 0.2,
  /** Adaptive schedule confidence measure: 'spread' (top-1 minus b-th best) or 'margin' (top-1 minus top-2). */
  measure: 'spread',
  /** PRM-BAS.md default schedule. */
  schedule: 'linear',
  /** Project choice: distinct states first when selecting beams; sampled policies repeat their likeliest step. */
  dedupe: true,
} as const;

export const STRATEGY_NAMES = ['greedy', 'self-consistency', 'best-of-n', 'beam', 'dvts', 'prm-bas'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/** Strategies that cannot run without a `Prm`. */
export const PRM_STRATEGIES: readonly StrategyName[] = ['best-of-n', 'beam', 'dvts', 'prm-bas'];

export const AGGREGATIONS = ['last', 'min', 'prod', 'mean'] as const;
export const SELECTIONS = ['best', 'weighted-vote'] as const;
export const SCHEDULE_KINDS = ['linear', 'exponential', 'adaptive'] as const;
export const CONFIDENCE_MEASURES = ['spread', 'margin'] as const;

const oneOf = (values: readonly string[]) => `must be one of ${values.map((v) => `'${v}'`).join(', ')}`;

function intAtLeast(min: number) {
  const msg = `must be an integer >= ${min}`;
  return z.number({ error: msg }).int(msg).min(min, msg);
}

function numberIn(min: number, max: number, minExclusive = false) {
  const msg = `must be a number in ${minExclusive ? '(' : '['}${min}, ${max}]`;
  const base = z.number({ error: msg }).max(max, msg);
  return minExclusive ? base.gt(min, msg) : base.min(min, msg);
}

const common = {
  seed: z.number({ error: 'must be an integer' }).int('must be an integer').default(SEARCH_DEFAULTS.seed),
  /** Maximum steps in a solution; the expansion at depth maxDepth-1 asks the policy to finalize. */
  maxDepth: intAtLeast(1).default(SEARCH_DEFAULTS.maxDepth),
  /** Maximum policy calls in flight at once. */
  concurrency: intAtLeast(1).default(SEARCH_DEFAULTS.concurrency),
};
const temperature = z
  .number({ error: 'must be a number >= 0' })
  .min(0, 'must be a number >= 0')
  .default(SEARCH_DEFAULTS.temperature);
const aggregation = z.enum(AGGREGATIONS, { error: oneOf(AGGREGATIONS) }).default(SEARCH_DEFAULTS.aggregation);
const select = z.enum(SELECTIONS, { error: oneOf(SELECTIONS) }).default(SEARCH_DEFAULTS.select);
/** Stop once this many answers finished; defaults to the initial beam width (search-and-learn stops at n completed beams). */
const finishedTarget = intAtLeast(1).optional();
/** Beam strategies: prefer distinct states (identical step sequences) when selecting beams. */
const dedupe = z.boolean({ error: 'must be true or false' }).default(SEARCH_DEFAULTS.dedupe);

export const GreedyConfigSchema = z.strictObject({ strategy: z.literal('greedy'), ...common });

export const SelfConsistencyConfigSchema = z.strictObject({
  strategy: z.literal('self-consistency'),
  ...common,
  temperature,
  n: intAtLeast(1).default(SEARCH_DEFAULTS.n),
});

export const BestOfNConfigSchema = z.strictObject({
  strategy: z.literal('best-of-n'),
  ...common,
  temperature,
  n: intAtLeast(1).default(SEARCH_DEFAULTS.n),
  aggregation,
  select,
});

export const BeamConfigSchema = z.strictObject({
  strategy: z.literal('beam'),
  ...common,
  temperature,
  /** Constant beam width b_t = b_0; also the number of first steps sampled. */
  width: intAtLeast(1).default(SEARCH_DEFAULTS.beamWidth),
  k: intAtLeast(1).default(SEARCH_DEFAULTS.k),
  finishedTarget,
  dedupe,
  aggregation,
  select,
});

export const DvtsConfigSchema = z.strictObject({
  strategy: z.literal('dvts'),
  ...common,
  temperature,
  /** Total candidates per depth; n/m independent subtrees. */
  n: intAtLeast(1).default(SEARCH_DEFAULTS.dvtsN),
  /** Candidates each subtree's live beam proposes per depth. */
  m: intAtLeast(1).default(SEARCH_DEFAULTS.beamWidth),
  aggregation,
  select,
});

export const ScheduleConfigSchema = z.strictObject({
  kind: z.enum(SCHEDULE_KINDS, { error: oneOf(SCHEDULE_KINDS) }).default(SEARCH_DEFAULTS.schedule),
  b0: intAtLeast(1).default(SEARCH_DEFAULTS.b0),
  bMin: intAtLeast(1).default(SEARCH_DEFAULTS.bMin),
  /** linear and adaptive: beams removed per depth (per confident depth for adaptive). */
  delta: intAtLeast(0).default(SEARCH_DEFAULTS.delta),
  /** exponential: b_t = floor(b0 * gamma^t). */
  gamma: numberIn(0, 1, true).default(SEARCH_DEFAULTS.gamma),
  /** adaptive: confidence needed to shrink, on the `measure` below. */
  threshold: numberIn(0, 1).default(SEARCH_DEFAULTS.threshold),
  measure: z.enum(CONFIDENCE_MEASURES, { error: oneOf(CONFIDENCE_MEASURES) }).default(SEARCH_DEFAULTS.measure),
});

export const PrmBasConfigSchema = z.strictObject({
  strategy: z.literal('prm-bas'),
  ...common,
  temperature,
  k: intAtLeast(1).default(SEARCH_DEFAULTS.k),
  schedule: ScheduleConfigSchema.prefault({}),
  finishedTarget,
  dedupe,
  aggregation,
  select,
});

export const SearchConfigSchema = z.discriminatedUnion('strategy', [
  GreedyConfigSchema,
  SelfConsistencyConfigSchema,
  BestOfNConfigSchema,
  BeamConfigSchema,
  DvtsConfigSchema,
  PrmBasConfigSchema,
]);

export type SearchConfig = z.output<typeof SearchConfigSchema>;
export type SearchConfigInput = z.input<typeof SearchConfigSchema>;
export type GreedyConfig = z.output<typeof GreedyConfigSchema>;
export type SelfConsistencyConfig = z.output<typeof SelfConsistencyConfigSchema>;
export type BestOfNConfig = z.output<typeof BestOfNConfigSchema>;
export type BeamConfig = z.output<typeof BeamConfigSchema>;
export type DvtsConfig = z.output<typeof DvtsConfigSchema>;
export type PrmBasConfig = z.output<typeof PrmBasConfigSchema>;
export type ScheduleConfig = z.output<typeof ScheduleConfigSchema>;
export type Aggregation = (typeof AGGREGATIONS)[number];
export type Selection = (typeof SELECTIONS)[number];

const SCHEMAS = {
  greedy: GreedyConfigSchema,
  'self-consistency': SelfConsistencyConfigSchema,
  'best-of-n': BestOfNConfigSchema,
  beam: BeamConfigSchema,
  dvts: DvtsConfigSchema,
  'prm-bas': PrmBasConfigSchema,
} as const;

export interface ConfigIssue {
  /** Dotted path prefixed by the strategy, e.g. `prm-bas.schedule.b0`. */
  field: string;
  message: string;
}

export class SearchConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
    this.name = 'SearchConfigError';
  }
}

export function isStrategyName(value: unknown): value is StrategyName {
  return typeof value === 'string' && (STRATEGY_NAMES as readonly string[]).includes(value);
}

/**
 * Validate and complete a config (defaults filled, `finishedTarget` resolved), or throw a
 * `SearchConfigError` whose message names each offending field. Idempotent on its own output.
 */
export function parseSearchConfig(input: unknown): SearchConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new SearchConfigError([{ field: 'config', message: 'must be an object' }]);
  }
  const strategy = (input as { strategy?: unknown }).strategy;
  // Checked before zod so the message lists the valid names rather than a union failure.
  if (!isStrategyName(strategy)) {
    throw new SearchConfigError([{ field: 'strategy', message: oneOf(STRATEGY_NAMES) }]);
  }
  const parsed = SCHEMAS[strategy].safeParse(input);
  if (!parsed.success) {
    throw new SearchConfigError(
      parsed.error.issues.flatMap((issue): ConfigIssue[] => {
        const at = [strategy, ...issue.path.map(String)];
        if (issue.code === 'unrecognized_keys') {
          return issue.keys.map((key) => ({ field: [...at, key].join('.'), message: 'unknown key' }));
        }
        return [{ field: at.join('.'), message: issue.message }];
      }),
    );
  }
  return finishCrossFieldChecks(parsed.data);
}

function finishCrossFieldChecks(config: SearchConfig): SearchConfig {
  const fail = (field: string, message: string): never => {
    throw new SearchConfigError([{ field: `${config.strategy}.${field}`, message }]);
  };
  switch (config.strategy) {
    case 'dvts':
      if (config.n % config.m !== 0) fail('n', `must be a multiple of m (${config.m})`);
      return config;
    case 'beam':
      return { ...config, finishedTarget: config.finishedTarget ?? config.width };
    case 'prm-bas':
      if (config.schedule.bMin > config.schedule.b0) fail('schedule.bMin', `must be <= schedule.b0 (${config.schedule.b0})`);
      return { ...config, finishedTarget: config.finishedTarget ?? config.schedule.b0 };
    default:
      return config;
  }
}

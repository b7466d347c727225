/**
 * The strategy form's starting values: the defaults of @prmbas/search (SEARCH_DEFAULTS in
 * libs/search/src/search-config.ts), repeated here because the browser does not load the search
 * library. They only prefill the form: the API validates the config with the library's own rules
 * and stores it complete, and the deployment page shows that stored config.
 */
export const STRATEGIES = ['prm-bas', 'beam', 'dvts', 'best-of-n', 'self-consistency', 'greedy'] as const;
export type StrategyName = (typeof STRATEGIES)[number];

/** Strategies that need a PRM to score steps. */
export const PRM_STRATEGIES: readonly StrategyName[] = ['prm-bas', 'beam', 'dvts', 'best-of-n'];

export const STRATEGY_LABELS: Record<StrategyName, string> = {
  'prm-bas': 'PRM-BAS (beam annealing)',
  beam: 'beam search (fixed width)',
  dvts: 'DVTS (diverse subtrees)',
  'best-of-n': 'best-of-N',
  'self-consistency': 'self-consistency (majority vote)',
  greedy: 'greedy',
};

export interface StrategyForm {
  strategy: StrategyName;
  maxDepth: string;
  temperature: string;
  k: string;
  width: string;
  n: string;
  m: string;
  aggregation: 'last' | 'min' | 'prod' | 'mean';
  scheduleKind: 'linear' | 'exponential' | 'adaptive';
  b0: string;
  bMin: string;
  delta: string;
  gamma: string;
  threshold: string;
}

export const DEFAULT_STRATEGY_FORM: StrategyForm = {
  strategy: 'prm-bas',
  maxDepth: '8',
  temperature: '0.8',
  k: '4',
  width: '4',
  n: '8',
  m: '4',
  aggregation: 'last',
  scheduleKind: 'linear',
  b0: '8',
  bMin: '2',
  delta: '2',
  gamma: '0.5',
  threshold: '0.2',
};

/** The search config the form describes: only the fields its strategy has. */
export function strategyConfig(f: StrategyForm): Record<string, unknown> {
  const num = (s: string) => Number(s);
  const common = { strategy: f.strategy, maxDepth: num(f.maxDepth) };
  switch (f.strategy) {
    case 'greedy':
      return common;
    case 'self-consistency':
      return { ...common, temperature: num(f.temperature), n: num(f.n) };
    case 'best-of-n':
      return { ...common, temperature: num(f.temperature), n: num(f.n), aggregation: f.aggregation };
    case 'beam':
      return { ...common, temperature: num(f.temperature), width: num(f.width), k: num(f.k), aggregation: f.aggregation };
    case 'dvts':
      return { ...common, temperature: num(f.temperature), n: num(f.n), m: num(f.m), aggregation: f.aggregation };
    case 'prm-bas': {
      const schedule: Record<string, unknown> = { kind: f.scheduleKind, b0: num(f.b0), bMin: num(f.bMin) };
      if (f.scheduleKind !== 'exponential') schedule['delta'] = num(f.delta);
      if (f.scheduleKind === 'exponential') schedule['gamma'] = num(f.gamma);
      if (f.scheduleKind === 'adaptive') schedule['threshold'] = num(f.threshold);
      return { ...common, temperature: num(f.temperature), k: num(f.k), aggregation: f.aggregation, schedule };
    }
  }
}

/** The beam widths a linear / exponential schedule gives, to preview the annealing. */
export function previewWidths(f: StrategyForm): number[] | null {
  if (f.strategy !== 'prm-bas' || f.scheduleKind === 'adaptive') return null;
  const b0 = Number(f.b0);
  const bMin = Number(f.bMin);
  const depth = Math.min(Number(f.maxDepth) || 8, 12);
  if (!(b0 >= 1 && bMin >= 1)) return null;
  return Array.from({ length: depth }, (_, t) =>
    Math.max(bMin, f.scheduleKind === 'linear' ? b0 - t * (Number(f.delta) || 0) : Math.floor(b0 * (Number(f.gamma) || 0.5) ** t)),
  );
}

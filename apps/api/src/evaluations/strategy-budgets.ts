/**
 * Strategies × budgets → the benchmark rows of an `eval.run` job. A budget sets the strategy's
 * compute knob (BUDGET_PARAMETERS in contracts: samples n, beam width, PRM-BAS's initial beam b0);
 * every resulting config is validated with @prmbas/search's own rules, and a failure names the
 * request field it came from (`strategies.2.budgets.0`, `strategies.1.config`).
 */
import { BUDGET_PARAMETERS, type TEvalRunPayload, type TEvalStrategyRequest } from '@prmbas/contracts';
import { parseSearchConfig, SEARCH_DEFAULTS, SearchConfigError, type SearchConfig } from '@prmbas/search';
import { AppError } from '../errors/app-error';

export type EvalRow = TEvalRunPayload['strategies'][number];

/** `config` with its budget knob set to `budget`; throws a message when the strategy has no knob. */
export function withBudget(config: Readonly<Record<string, unknown>>, budget: number): Record<string, unknown> {
  const strategy = config['strategy'];
  if (typeof strategy !== 'string' || !(strategy in BUDGET_PARAMETERS)) return { ...config }; // parseSearchConfig names the problem
  const knob = BUDGET_PARAMETERS[strategy as keyof typeof BUDGET_PARAMETERS];
  if (knob === null) throw new BudgetError(`strategy '${strategy}' has no compute budget (it runs one chain); leave budgets out`);
  if (knob !== 'schedule.b0') return { ...config, [knob]: budget };
  const schedule = (config['schedule'] && typeof config['schedule'] === 'object' ? config['schedule'] : {}) as Record<string, unknown>;
  // The floor must not exceed the start: small budgets lower bMin unless it was set on purpose.
  const bMin = schedule['bMin'] ?? Math.min(SEARCH_DEFAULTS.bMin, budget);
  return { ...config, schedule: { ...schedule, b0: budget, bMin } };
}

export class BudgetError extends Error {}

/** The rows in request order (each strategy's budgets ascending), each config complete and valid. */
export function expandStrategies(strategies: readonly TEvalStrategyRequest[]): { rows: EvalRow[]; configs: SearchConfig[] } {
  const rows: EvalRow[] = [];
  const configs: SearchConfig[] = [];
  strategies.forEach((s, i) => {
    const budgets = s.budgets ? [...s.budgets].sort((a, b) => a - b) : [null];
    for (const budget of budgets) {
      const where = budget === null ? `strategies.${i}.config` : `strategies.${i}.budgets.${s.budgets!.indexOf(budget)}`;
      let config: SearchConfig;
      try {
        config = parseSearchConfig(budget === null ? s.config : withBudget(s.config, budget));
      } catch (error) {
        if (error instanceof BudgetError) throw AppError.validation(`strategies.${i}.budgets: ${error.message}`, { param: `strategies.${i}.budgets` });
        if (!(error instanceof SearchConfigError)) throw error;
        const issues = error.issues.map((issue) => ({ path: `strategies.${i}.config.${issue.field.split('.').slice(1).join('.')}`.replace(/\.$/, ''), message: issue.message }));
        throw AppError.validation(`${where}${budget === null ? '' : ` (budget ${budget})`}: ${error.message}`, { param: issues[0]?.path ?? where, issues });
      }
      rows.push({ name: budget === null ? s.name : `${s.name}@${budget}`, config: config as unknown as Record<string, unknown>, series: s.name, ...(budget === null ? {} : { budget }) });
      configs.push(config);
    }
  });
  return { rows, configs };
}

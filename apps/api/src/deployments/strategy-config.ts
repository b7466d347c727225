/**
 * A deployment's strategy is a search config of @prmbas/search, checked with the library's own
 * rules (`parseSearchConfig`) and turned into a validation error naming the field the way the API
 * names fields (`strategy.schedule.b0`, or `prmbas.strategy.b0` for a request override).
 */
import { PRM_STRATEGIES, SearchConfigError, parseSearchConfig, type SearchConfig } from '@prmbas/search';
import { AppError } from '../errors/app-error';

/** The library's issue field (`prm-bas.schedule.b0`, `strategy`, `config`) → our param under `prefix`. */
function paramOf(prefix: string, field: string): string {
  if (field === 'config') return prefix;
  if (field === 'strategy') return `${prefix}.strategy`;
  const [, ...rest] = field.split('.');
  return rest.length > 0 ? `${prefix}.${rest.join('.')}` : prefix;
}

export function parseStrategyOrThrow(input: unknown, prefix = 'strategy'): SearchConfig {
  try {
    return parseSearchConfig(input);
  } catch (error) {
    if (!(error instanceof SearchConfigError)) throw error;
    const issues = error.issues.map((issue) => ({ path: paramOf(prefix, issue.field), message: issue.message }));
    const first = issues[0]!;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw AppError.validation(`Invalid ${prefix}: ${first.path}: ${first.message}${more}`, { param: first.path, issues });
  }
}

export function needsPrm(config: SearchConfig): boolean {
  return PRM_STRATEGIES.includes(config.strategy);
}

/** A strategy that scores steps cannot run with `prm: { kind: 'none' }`. */
export function checkPrmForStrategy(config: SearchConfig, prmKind: string, param = 'prm'): void {
  if (prmKind === 'none' && needsPrm(config)) {
    throw AppError.validation(`${param}: strategy '${config.strategy}' scores steps with a PRM: give a model version, an alias or an http reward server`, { param });
  }
}

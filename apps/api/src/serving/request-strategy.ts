/**
 * The search config of one request: the deployment's stored config, with the request's `seed` and
 * `temperature` (OpenAI's own fields) and our `prmbas.strategy` overrides applied, validated again
 * with the library's rules. Overrides may not raise a budget field past OVERRIDE_BUDGET_CAP: a
 * caller with an inference key must not turn one request into an unbounded search (a deployment's
 * own config, set by a researcher, has no such cap).
 */
import type { SearchConfig } from '@prmbas/search';
import { parseStrategyOrThrow } from '../deployments/strategy-config';
import { AppError } from '../errors/app-error';
import type { TChatCompletionRequest } from './chat-completion.schemas';

/** Largest value a request may give a budget field (beams, samples, depth, concurrency). */
export const OVERRIDE_BUDGET_CAP = 64;
const BUDGET_FIELDS = new Set(['n', 'm', 'k', 'b0', 'bMin', 'width', 'maxDepth', 'finishedTarget', 'concurrency']);

function checkBudget(value: unknown, path: string): void {
  if (typeof value === 'number' && BUDGET_FIELDS.has(path.split('.').at(-1)!) && value > OVERRIDE_BUDGET_CAP) {
    throw AppError.validation(`${path}: at most ${OVERRIDE_BUDGET_CAP} in a request override (the deployment's own config may set more)`, { param: path });
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) checkBudget(inner, `${path}.${key}`);
  }
}

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    const nested = value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object' && !Array.isArray(current);
    out[key] = nested ? merge(current as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return out;
}

export interface RequestStrategy {
  config: SearchConfig;
  /** What the request changed, for the trace. */
  overrides: Record<string, unknown>;
}

export function requestStrategy(stored: SearchConfig, request: TChatCompletionRequest): RequestStrategy {
  const overrides: Record<string, unknown> = { ...request.prmbas?.strategy };
  checkBudget(overrides, 'prmbas.strategy');
  // Another strategy than the deployment's: its own fields, the library's defaults for the rest.
  let input = overrides['strategy'] !== undefined && overrides['strategy'] !== stored.strategy ? { ...overrides } : merge(stored as Record<string, unknown>, overrides);
  if (request.seed !== null && request.seed !== undefined) {
    input = { ...input, seed: request.seed };
    overrides['seed'] = request.seed;
  }
  if (request.temperature !== null && request.temperature !== undefined && 'temperature' in input) {
    input = { ...input, temperature: request.temperature };
    overrides['temperature'] = request.temperature;
  }
  return { config: parseStrategyOrThrow(input, 'prmbas.strategy'), overrides };
}

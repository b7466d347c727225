import { parseSearchConfig, STRATEGY_NAMES, type SearchConfig } from '@prmbas/search';
import type { BenchStrategy } from '@prmbas/bench';
import { UsageError } from './specs/spec-string';

/** Partial configs keyed by strategy label; a label is a strategy name or any name whose entry sets `strategy`. */
export type StrategyOverrides = Record<string, Record<string, unknown>>;

/**
 * Resolves `--strategies a,b,c` into validated configs: preset values, then the `--config` file,
 * then `--set label.path=value` flags, each later source winning. Validation errors name the
 * strategy and the field.
 */
export function resolveStrategies(labels: readonly string[], layers: readonly StrategyOverrides[]): BenchStrategy[] {
  if (labels.length === 0) throw new UsageError('--strategies: give at least one strategy');
  const seen = new Set<string>();
  return labels.map((label) => {
    if (seen.has(label)) throw new UsageError(`--strategies: "${label}" is listed twice`);
    seen.add(label);
    let merged: Record<string, unknown> = {};
    for (const layer of layers) {
      const entry = layer[label];
      if (entry) merged = deepMerge(merged, entry);
    }
    const strategy = merged['strategy'] ?? label;
    if (!(STRATEGY_NAMES as readonly string[]).includes(String(strategy))) {
      throw new UsageError(
        `--strategies: "${label}" is not a strategy (${STRATEGY_NAMES.join(', ')}) and no config entry gives it a "strategy"`,
      );
    }
    try {
      return { name: label, config: parseSearchConfig({ ...merged, strategy }) };
    } catch (error) {
      throw new UsageError(`strategy "${label}": ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

/** Turns repeated `--set label.path.to.field=value` flags into an overrides layer (values parsed as JSON when they are JSON). */
export function parseSetFlags(flags: readonly string[]): StrategyOverrides {
  const out: StrategyOverrides = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set: "${flag}" is not label.field=value`);
    const path = flag.slice(0, eq).split('.');
    if (path.length < 2 || path.some((p) => p === '')) throw new UsageError(`--set: "${flag}" needs a strategy label and a field, e.g. prm-bas.schedule.b0=8`);
    const raw = flag.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // not JSON: keep the string (e.g. schedule.kind=exponential)
    }
    const [label, ...fields] = path as [string, ...string[]];
    let node: Record<string, unknown> = (out[label] ??= {});
    for (const field of fields.slice(0, -1)) node = (node[field] ??= {}) as Record<string, unknown>;
    node[fields[fields.length - 1] as string] = value;
  }
  return out;
}

function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export type { SearchConfig };

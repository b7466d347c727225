/**
 * The CLI form of the Monte-Carlo PRM: `mc:rollouts=M[,temperature=T][,maxDepth=D]` (`mc` alone
 * means all defaults). Errors name the bad field.
 */
import { SpecError } from '../shared/spec-error';
import { McPrm } from './mc-prm';
import type { McPrmOptions } from './mc-config';

export const MC_SPEC_PREFIX = 'mc';

export interface McPrmSpec {
  rollouts?: number;
  temperature?: number;
  maxDepth?: number;
}

const FIELDS = ['rollouts', 'temperature', 'maxDepth'] as const;
type Field = (typeof FIELDS)[number];

export function isMcPrmSpec(spec: string): boolean {
  return spec === MC_SPEC_PREFIX || spec.startsWith(`${MC_SPEC_PREFIX}:`);
}

function parseValue(spec: string, field: Field, raw: string): number {
  const integer = /^\d+$/;
  const decimal = /^(\d+(\.\d*)?|\.\d+)$/;
  if (field === 'temperature') {
    if (!decimal.test(raw)) throw new SpecError(spec, field, `must be a non-negative number, got "${raw}"`);
    return Number(raw);
  }
  if (!integer.test(raw) || Number(raw) < 1) throw new SpecError(spec, field, `must be a positive integer, got "${raw}"`);
  return Number(raw);
}

export function parseMcPrmSpec(spec: string): McPrmSpec {
  if (!isMcPrmSpec(spec)) throw new SpecError(spec, 'prm', `must be "${MC_SPEC_PREFIX}" or start with "${MC_SPEC_PREFIX}:"`);
  const body = spec.slice(MC_SPEC_PREFIX.length + 1).trim();
  const out: McPrmSpec = {};
  if (body === '') return out;
  for (const part of body.split(',')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (!(FIELDS as readonly string[]).includes(key)) {
      throw new SpecError(spec, key || '(empty)', `is not a field (expected ${FIELDS.join(', ')})`);
    }
    const field = key as Field;
    if (eq < 0) throw new SpecError(spec, field, 'needs a value (field=value)');
    if (out[field] !== undefined) throw new SpecError(spec, field, 'is given twice');
    out[field] = parseValue(spec, field, part.slice(eq + 1).trim());
  }
  return out;
}

/** Build an McPrm from a spec; fields present in the spec override `options`. */
export function createMcPrmFromSpec(spec: string, options: Omit<McPrmOptions, keyof McPrmSpec> & McPrmSpec): McPrm {
  return new McPrm({ ...options, ...parseMcPrmSpec(spec) });
}

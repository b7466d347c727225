/**
 * Component specs as the CLI takes them: `kind` or `kind:key=value,key=value`, and for kinds
 * that take a location, `kind:LOCATION` (e.g. `openai:http://localhost:8000/v1`, `tfjs:./model`).
 */
export interface ParsedSpec {
  kind: string;
  /** Text after the first colon, when the kind takes a location rather than key=value pairs. */
  location?: string;
  params: Record<string, string>;
}

/** A command-line mistake: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseSpec(flag: string, text: string, locationKinds: readonly string[] = []): ParsedSpec {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const kind = (colon < 0 ? trimmed : trimmed.slice(0, colon)).trim();
  if (!/^[a-z][a-z0-9-]*$/.test(kind)) throw new UsageError(`${flag}: "${text}" does not start with a component kind like "sim:" or "mc:"`);
  const rest = colon < 0 ? '' : trimmed.slice(colon + 1);
  if (locationKinds.includes(kind)) {
    if (!rest) throw new UsageError(`${flag}: "${kind}" needs a location, e.g. ${kind}:...`);
    return { kind, location: rest, params: {} };
  }
  const params: Record<string, string> = {};
  for (const part of rest.split(',').filter((p) => p.trim() !== '')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag}: "${part}" is not key=value`);
    const key = part.slice(0, eq).trim();
    if (key in params) throw new UsageError(`${flag}: ${key} is given twice`);
    params[key] = part.slice(eq + 1).trim();
  }
  return { kind, params };
}

/** Reads a numeric parameter, naming the flag and key in the error. */
export function numberParam(
  flag: string,
  spec: ParsedSpec,
  key: string,
  options: { min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  const raw = spec.params[key];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const where = `${flag} ${spec.kind}:${key}`;
  if (raw === '' || !Number.isFinite(value)) throw new UsageError(`${where}: "${raw}" is not a number`);
  if (options.integer && !Number.isInteger(value)) throw new UsageError(`${where}: must be an integer, got ${raw}`);
  if (options.min !== undefined && value < options.min) throw new UsageError(`${where}: must be >= ${options.min}, got ${raw}`);
  if (options.max !== undefined && value > options.max) throw new UsageError(`${where}: must be <= ${options.max}, got ${raw}`);
  return value;
}

/** Rejects keys a kind does not know, so a typo never silently falls back to a default. */
export function assertKnownParams(flag: string, spec: ParsedSpec, known: readonly string[]): void {
  for (const key of Object.keys(spec.params)) {
    if (!known.includes(key)) {
      throw new UsageError(`${flag} ${spec.kind}: unknown parameter "${key}" (known: ${known.join(', ') || 'none'})`);
    }
  }
}

/** An integer flag (a number or the command line's string) that must be >= `min`, or `fallback` when absent; errors name the flag. */
export function countFlag(flag: string, value: number | string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  if (String(value).trim() === '' || !Number.isInteger(n)) throw new UsageError(`${flag}: must be an integer, got ${value}`);
  if (n < min) throw new UsageError(`${flag}: must be >= ${min}, got ${value}`);
  return n;
}

/** Reading optional numbers from form inputs: empty means "not set" (the server's default applies). */

export function optionalNumber(raw: string): number | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** Drops keys whose value is undefined, so a request carries only what the user set. */
export function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function parseJsonObject(text: string, what: string): Record<string, unknown> {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    throw new Error(`${what} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** A setter of one field of a form object: `set('capability', '0.6')` → `onChange({ ...value, capability: '0.6' })`. */
export function fieldSetter<T extends object>(value: T, onChange: (v: T) => void) {
  return <K extends keyof T>(key: K, v: T[K]) => onChange({ ...value, [key]: v });
}

/** `list` without `item` if it has it, else with it added last (keeping the newest `max`). */
export function toggled<T>(list: readonly T[], item: T, max = Number.POSITIVE_INFINITY): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item].slice(-max);
}

/** A malformed dataset line: says where (`file:line`) and which field, e.g. `data.jsonl:12: field "steps[3].value" must be ...`. */
export class DatasetFormatError extends Error {
  constructor(
    readonly where: string,
    readonly field: string | null,
    readonly detail: string,
  ) {
    super(field ? `${where}: field "${field}" ${detail}` : `${where}: ${detail}`);
    this.name = 'DatasetFormatError';
  }
}

/** Field checks that throw `DatasetFormatError` at one place (`where`). */
export class FieldReader {
  constructor(readonly where: string) {}

  fail(field: string | null, detail: string): never {
    throw new DatasetFormatError(this.where, field, detail);
  }

  object(value: unknown, field: string | null): Record<string, unknown> {
    if (!value || typeof value !== 'object' || Array.isArray(value)) this.fail(field, `must be a JSON object, got ${describe(value)}`);
    return value as Record<string, unknown>;
  }

  string(value: unknown, field: string, options: { nonEmpty?: boolean } = {}): string {
    if (typeof value !== 'string') this.fail(field, `must be a string, got ${describe(value)}`);
    if (options.nonEmpty && value === '') this.fail(field, 'must not be empty');
    return value;
  }

  stringOrNull(value: unknown, field: string): string | null {
    return value === null ? null : this.string(value, field);
  }

  boolean(value: unknown, field: string): boolean {
    if (typeof value !== 'boolean') this.fail(field, `must be true or false, got ${describe(value)}`);
    return value;
  }

  unit(value: unknown, field: string): number {
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) this.fail(field, `must be a number in [0, 1], got ${describe(value)}`);
    return value;
  }

  count(value: unknown, field: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) this.fail(field, `must be a non-negative integer, got ${describe(value)}`);
    return value;
  }

  array(value: unknown, field: string, options: { nonEmpty?: boolean } = {}): unknown[] {
    if (!Array.isArray(value)) this.fail(field, `must be a list, got ${describe(value)}`);
    if (options.nonEmpty && value.length === 0) this.fail(field, 'must not be empty');
    return value;
  }

  stringArray(value: unknown, field: string): string[] {
    return this.array(value, field).map((v, i) => this.string(v, `${field}[${i}]`));
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      this.fail(field, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(value)}`);
    }
    return value as T;
  }
}

/** A short description of a bad value for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing (missing)';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

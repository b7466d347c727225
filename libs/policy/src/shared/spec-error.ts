/**
 * A bad command-line spec such as `mc:rollouts=0` or `openai:ftp://x`. It names the offending
 * field so the CLI can say exactly what to fix.
 */
export class SpecError extends Error {
  override readonly name = 'SpecError';

  constructor(
    /** The whole spec as given. */
    readonly spec: string,
    /** The field that is wrong (e.g. `rollouts`, `baseUrl`). */
    readonly field: string,
    detail: string,
  ) {
    super(`invalid spec "${spec}": ${field} ${detail}`);
  }
}

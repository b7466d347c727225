export interface ConfigProblem {
  /** The environment variable at fault. */
  readonly variable: string;
  readonly message: string;
}

/** Bad environment: the process prints `message` and exits non-zero before anything starts. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `  - ${p.variable}: ${p.message}`);
    super(`Invalid configuration (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n${lines.join('\n')}`);
  }
}

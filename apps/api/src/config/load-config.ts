import { AppConfig } from './app-config';
import { ConfigError, type ConfigProblem } from './config-error';
import { SECRET_ENV_KEYS, ZEnv } from './env.schema';

/**
 * Validates the environment once. Throws ConfigError naming every bad variable and why; the
 * values of secrets are never repeated.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd?: string): AppConfig {
  const parsed = ZEnv.safeParse(env);
  if (parsed.success) return new AppConfig(parsed.data, cwd);
  const problems: ConfigProblem[] = parsed.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(environment)');
    const raw = env[variable];
    const shown = raw === undefined || SECRET_ENV_KEYS.has(variable) ? '' : ` (got ${JSON.stringify(raw)})`;
    return { variable, message: `${issue.message}${shown}` };
  });
  throw new ConfigError(problems);
}

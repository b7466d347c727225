import path from 'node:path';
import type { Env } from './env.schema';

export type LogLevel = Env['LOG_LEVEL'];

/**
 * The validated configuration, read once at start (see loadConfig) and injected by class:
 * `constructor(private readonly config: AppConfig)`.
 */
export class AppConfig {
  readonly nodeEnv: Env['NODE_ENV'];
  readonly host: string;
  /** 0 asks the OS for a free port (tests). */
  readonly port: number;
  readonly consolePort: number;
  /** Origins CORS allows; `true` reflects any origin (CORS_ORIGINS=*). */
  readonly corsOrigins: string[] | true;
  /** Absolute path of the data folder (embedded Postgres, artifacts). */
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly logLevel: LogLevel;
  readonly bodyLimitBytes: number;
  readonly shutdownTimeoutMs: number;
  readonly admin: { readonly email: string | undefined; readonly password: string | undefined };
  readonly bootstrapApiKey: string | undefined;
  /** The OpenAI-compatible serving API: per-key rate limit (0 = off) and image limits. */
  readonly serving: { readonly rateLimitPerMinute: number; readonly rateLimitBurst: number; readonly maxImageBytes: number };
  /** PRM model kinds to load besides the built-in ones, and the tfjs backend they run on. */
  readonly models: { readonly plugins: readonly string[]; readonly backend: Env['PRM_BACKEND'] };

  constructor(env: Env, cwd: string = process.cwd()) {
    this.nodeEnv = env.NODE_ENV;
    this.host = env.API_HOST;
    this.port = env.API_PORT;
    this.consolePort = env.CONSOLE_PORT;
    this.corsOrigins = corsOrigins(env);
    this.dataDir = path.resolve(cwd, env.DATA_DIR);
    this.databaseUrl = env.DATABASE_URL;
    this.logLevel = env.LOG_LEVEL;
    this.bodyLimitBytes = env.BODY_LIMIT;
    this.shutdownTimeoutMs = env.SHUTDOWN_TIMEOUT_MS;
    this.admin = Object.freeze({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
    this.bootstrapApiKey = env.BOOTSTRAP_API_KEY;
    this.serving = Object.freeze({ rateLimitPerMinute: env.SERVING_RATE_LIMIT_RPM, rateLimitBurst: env.SERVING_RATE_LIMIT_BURST, maxImageBytes: env.SERVING_MAX_IMAGE_BYTES });
    const plugins = (env.MODEL_PLUGINS ?? '').split(',').map((p) => p.trim()).filter(Boolean).map((p) => (p.startsWith('.') ? path.resolve(cwd, p) : p));
    this.models = Object.freeze({ plugins: Object.freeze(plugins), backend: env.PRM_BACKEND });
    Object.freeze(this);
  }
}

function corsOrigins(env: Env): string[] | true {
  if (env.CORS_ORIGINS === undefined) {
    return [`http://localhost:${env.CONSOLE_PORT}`, `http://127.0.0.1:${env.CONSOLE_PORT}`];
  }
  const origins = env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  return origins.includes('*') ? true : origins;
}

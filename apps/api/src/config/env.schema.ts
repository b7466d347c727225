import { z } from 'zod';
import { parseByteSize } from './byte-size';

/** Treats an empty variable (`FOO=`) as unset, as shells and compose files produce them. */
const unsetIfEmpty = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const port = (fallback: number) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\d+$/, { error: 'must be a whole number between 0 and 65535' })
      .transform(Number)
      .refine((n) => n <= 65_535, { error: 'must be a whole number between 0 and 65535' })
      .default(fallback),
  );

const optionalString = (check: z.ZodString) => z.preprocess(unsetIfEmpty, check.optional());

const wholeNumber = (fallback: number) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\d+$/, { error: 'must be a whole number' })
      .transform(Number)
      .default(fallback),
  );

const byteSize = (fallback: string) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default(fallback)
      .transform((value, ctx) => {
        const bytes = parseByteSize(value);
        if (bytes === undefined || bytes < 1) {
          ctx.addIssue({ code: 'custom', message: 'must be a positive size such as 1048576, 512kb or 10mb' });
          return z.NEVER;
        }
        return bytes;
      }),
  );

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every environment variable the API reads, in one place. Secrets (DATABASE_URL, ADMIN_PASSWORD,
 * BOOTSTRAP_API_KEY) are listed in SECRET_ENV_KEYS so error messages never echo their values.
 */
export const ZEnv = z.object({
  NODE_ENV: z.preprocess(unsetIfEmpty, z.enum(['development', 'test', 'production']).default('development')),
  /** Interface to listen on; 0.0.0.0 serves other machines (workers, the console in a container). */
  API_HOST: z.preprocess(unsetIfEmpty, z.string().default('0.0.0.0')),
  API_PORT: port(3001),
  /** The console's port: its origin is allowed by CORS unless CORS_ORIGINS says otherwise. */
  CONSOLE_PORT: port(3000),
  /** Comma-separated origins allowed by CORS; `*` allows any. Default: the console on localhost. */
  CORS_ORIGINS: optionalString(z.string()),
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('./.data')),
  /** Without it the platform starts embedded Postgres in DATA_DIR. */
  DATABASE_URL: optionalString(
    z.string().regex(/^postgres(ql)?:\/\/\S+$/, { error: 'must be a postgres:// or postgresql:// connection URL' }),
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof unsetIfEmpty(v) === 'string' ? String(v).toLowerCase() : undefined),
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
  /** Largest accepted request body: bytes or a size such as `512kb`, `10mb` (images travel as data URLs). */
  BODY_LIMIT: byteSize('10mb'),
  /** How long a shutdown waits for in-flight requests before closing their connections. */
  SHUTDOWN_TIMEOUT_MS: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\d+$/, { error: 'must be a whole number of milliseconds' })
      .transform(Number)
      .default(10_000),
  ),
  /** Served search: requests per minute per API key (token bucket refill); 0 turns the limit off. */
  SERVING_RATE_LIMIT_RPM: wholeNumber(120),
  /** Served search: requests a key may send at once before the per-minute rate applies (bucket size). */
  SERVING_RATE_LIMIT_BURST: wholeNumber(20),
  /** Largest image accepted in a chat message (a data URL, decoded). */
  SERVING_MAX_IMAGE_BYTES: byteSize('5mb'),
  /** Comma-separated modules registering PRM model kinds (`registerModels(registry)`), as the worker's WORKER_PLUGINS. */
  MODEL_PLUGINS: optionalString(z.string()),
  /** Best TensorFlow.js backend for PRMs loaded from model versions (weaker ones stay fallbacks). */
  PRM_BACKEND: z.preprocess(
    unsetIfEmpty,
    z.enum(['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'], { error: 'must be auto, tensorflow-gpu, tensorflow, wasm or cpu' }).default('auto'),
  ),
  ADMIN_EMAIL: optionalString(z.string().regex(/^[^@\s]+@[^@\s]+$/, { error: 'must be an email address' })),
  ADMIN_PASSWORD: optionalString(z.string().min(8, { error: 'must be at least 8 characters' })),
  BOOTSTRAP_API_KEY: optionalString(z.string().min(20, { error: 'must be at least 20 characters' })),
});

export type Env = z.output<typeof ZEnv>;
export type EnvKey = keyof z.input<typeof ZEnv>;

export const SECRET_ENV_KEYS: ReadonlySet<string> = new Set<EnvKey>(['DATABASE_URL', 'ADMIN_PASSWORD', 'BOOTSTRAP_API_KEY']);

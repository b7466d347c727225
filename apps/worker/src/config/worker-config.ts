/**
 * The worker's environment, validated once at start: a bad value stops the process with a message
 * naming the variable (secrets are never echoed).
 */
import { hostname } from 'node:os';
import path from 'node:path';
import { BACKEND_NAMES, JOB_KINDS, type TJobKind } from '@prmbas/contracts';
import { z } from 'zod';

const unsetIfEmpty = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const intVar = (fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\d+$/, { error: `must be a whole number between ${min} and ${max}` })
      .transform(Number)
      .refine((n) => n >= min && n <= max, { error: `must be a whole number between ${min} and ${max}` })
      .default(fallback),
  );
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const ZWorkerEnv = z
  .object({
    /** Without it the worker uses (or starts) the embedded Postgres in DATA_DIR/postgres, as the API does. */
    DATABASE_URL: z.preprocess(unsetIfEmpty, z.string().regex(/^postgres(ql)?:\/\/\S+$/, { error: 'must be a postgres:// or postgresql:// connection URL' }).optional()),
    DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('./.data')),
    /** Stable name for this worker (default `<hostname>-<pid>`). */
    WORKER_ID: z.preprocess(unsetIfEmpty, z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/, { error: 'must be 1-128 letters, digits or ._:@-' }).optional()),
    /** The best TensorFlow.js backend to try (weaker ones remain fallbacks). */
    WORKER_BACKEND: z.preprocess(unsetIfEmpty, z.enum(['auto', ...BACKEND_NAMES], { error: `must be auto or one of ${BACKEND_NAMES.join(', ')}` }).default('auto')),
    /** `off` keeps a GPU machine away from GPU jobs (it still serves jobs any worker may run). */
    WORKER_GPU: z.preprocess(unsetIfEmpty, z.enum(['auto', 'off'], { error: 'must be auto or off' }).default('auto')),
    /** Comma-separated job kinds to serve (default all). */
    WORKER_KINDS: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .default(JOB_KINDS.join(','))
        .transform((text, ctx) => {
          const kinds = [...new Set(text.split(',').map((k) => k.trim()).filter(Boolean))];
          const unknown = kinds.filter((k) => !(JOB_KINDS as readonly string[]).includes(k));
          if (kinds.length === 0 || unknown.length > 0) {
            ctx.addIssue({ code: 'custom', message: `must list job kinds from ${JOB_KINDS.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}` });
            return z.NEVER;
          }
          return kinds as TJobKind[];
        }),
    ),
    /** Jobs run at once (1 suits training: a model and its data per job). */
    WORKER_CONCURRENCY: intVar(1, 1, 64),
    /** Heartbeat (and cancel-flag check) interval. */
    WORKER_HEARTBEAT_MS: intVar(5_000, 50, 600_000),
    /** Missing heartbeats for this long = dead; its jobs are re-offered. Several heartbeats: a slow moment is not a death. */
    WORKER_STALE_AFTER_MS: intVar(30_000, 100, 3_600_000),
    /** Idle wait between polls of the queues. */
    WORKER_POLL_MS: intVar(1_000, 20, 60_000),
    /** How often this worker looks for jobs of dead workers. */
    WORKER_REAP_MS: intVar(10_000, 50, 600_000),
    /** How long a shutdown waits for running jobs to stop (they checkpoint) before exiting anyway. */
    WORKER_SHUTDOWN_TIMEOUT_MS: intVar(30_000, 0, 600_000),
    /** Comma-separated module paths that register model kinds (`export function registerModels(registry)`). */
    WORKER_PLUGINS: z.preprocess(unsetIfEmpty, z.string().optional()),
    LOG_LEVEL: z.preprocess(
      (v) => (typeof unsetIfEmpty(v) === 'string' ? String(v).toLowerCase() : undefined),
      z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.WORKER_STALE_AFTER_MS < 2 * env.WORKER_HEARTBEAT_MS) {
      ctx.addIssue({ code: 'custom', path: ['WORKER_STALE_AFTER_MS'], message: `must be at least twice WORKER_HEARTBEAT_MS (${env.WORKER_HEARTBEAT_MS})` });
    }
  });

export interface WorkerConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  id: string;
  backendPreference: 'auto' | (typeof BACKEND_NAMES)[number];
  gpu: 'auto' | 'off';
  kinds: TJobKind[];
  concurrency: number;
  heartbeatMs: number;
  staleAfterMs: number;
  pollMs: number;
  reapMs: number;
  shutdownTimeoutMs: number;
  plugins: string[];
  logLevel: (typeof LOG_LEVELS)[number];
}

export class WorkerConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`invalid environment:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'WorkerConfigError';
  }
}

export function loadWorkerConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): WorkerConfig {
  const parsed = ZWorkerEnv.safeParse(env);
  if (!parsed.success) {
    throw new WorkerConfigError(parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? 'environment'), message: issue.message })));
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    id: e.WORKER_ID ?? `${hostname()}-${process.pid}`,
    backendPreference: e.WORKER_BACKEND,
    gpu: e.WORKER_GPU,
    kinds: e.WORKER_KINDS,
    concurrency: e.WORKER_CONCURRENCY,
    heartbeatMs: e.WORKER_HEARTBEAT_MS,
    staleAfterMs: e.WORKER_STALE_AFTER_MS,
    pollMs: e.WORKER_POLL_MS,
    reapMs: e.WORKER_REAP_MS,
    shutdownTimeoutMs: e.WORKER_SHUTDOWN_TIMEOUT_MS,
    plugins: (e.WORKER_PLUGINS ?? '').split(',').map((p) => p.trim()).filter(Boolean).map((p) => path.resolve(cwd, p)),
    logLevel: e.LOG_LEVEL,
  };
}

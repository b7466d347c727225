/**
 * The launcher's environment (`npm start`), validated once: a bad value stops it with a message
 * naming the variable. The API and worker validate their own variables again (same names), so
 * what reaches them is what they document.
 */
import path from 'node:path';
import { z } from 'zod';

const unsetIfEmpty = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const intVar = (fallback: number, min: number, max: number) =>
  z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\d+$/, { error: `must be a whole number between ${min} and ${max}` })
      .transform(Number)
      .refine((n) => n >= min && n <= max, { error: `must be a whole number between ${min} and ${max}` })
      .default(fallback),
  );
const onOff = (fallback: 'on' | 'off') => z.preprocess((v) => (typeof unsetIfEmpty(v) === 'string' ? String(v).toLowerCase() : undefined), z.enum(['on', 'off'], { error: 'must be on or off' }).default(fallback));

export const ZStackEnv = z.object({
  API_PORT: intVar(3001, 1, 65_535),
  CONSOLE_PORT: intVar(3000, 1, 65_535),
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('./.data')),
  /** Unset: an embedded Postgres in DATA_DIR/postgres, shared by the API and the worker. */
  DATABASE_URL: z.preprocess(unsetIfEmpty, z.string().regex(/^postgres(ql)?:\/\/\S+$/, { error: 'must be a postgres:// or postgresql:// connection URL' }).optional()),
  BOOTSTRAP_API_KEY: z.preprocess(unsetIfEmpty, z.string().min(20, { error: 'must be at least 20 characters' }).optional()),
  /** `off`: no console process (API, worker and demo only). */
  STACK_CONSOLE: onOff('on'),
  /** `off`: no demo dataset, PRM or deployment is created. */
  STACK_DEMO: onOff('on'),
  /** Questions of the demo dataset (synth suite, Monte-Carlo values by the simulated policy). */
  DEMO_QUESTIONS: intVar(1_000, 4, 5_000),
  /** Training steps of the demo PRM (batch 64; ~50-100 ms a step on wasm with 2 cores). */
  DEMO_TRAIN_STEPS: intVar(3_000, 1, 200_000),
});

export interface StackConfig {
  apiPort: number;
  consolePort: number;
  dataDir: string;
  databaseUrl: string | undefined;
  bootstrapApiKey: string | undefined;
  console: boolean;
  demo: { enabled: boolean; questions: number; trainSteps: number };
}

export class StackConfigError extends Error {
  override readonly name = 'StackConfigError';
}

export function loadStackConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): StackConfig {
  const parsed = ZStackEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new StackConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.API_PORT === e.CONSOLE_PORT) throw new StackConfigError(`invalid environment:\n  CONSOLE_PORT: must differ from API_PORT (${e.API_PORT})`);
  return {
    apiPort: e.API_PORT,
    consolePort: e.CONSOLE_PORT,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    bootstrapApiKey: e.BOOTSTRAP_API_KEY,
    console: e.STACK_CONSOLE === 'on',
    demo: { enabled: e.STACK_DEMO === 'on', questions: e.DEMO_QUESTIONS, trainSteps: e.DEMO_TRAIN_STEPS },
  };
}

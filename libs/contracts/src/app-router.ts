import { authRouter } from './auth/auth.router';
import { annotationsRouter } from './annotations/annotations.router';
import { datasetsRouter } from './datasets/datasets.router';
import { deploymentsRouter } from './deployments/deployments.router';
import { evaluationsRouter } from './evaluations/evaluations.router';
import { jobsRouter } from './jobs/jobs.router';
import { modelsRouter } from './models/models.router';
import { suiteRouter } from './suite/suite.router';
import { tracesRouter } from './traces/traces.router';
import { trainingRouter } from './training/training.router';
import { createCallerFactory, router } from './trpc/init';

/** One router per domain: `auth.apiKeys.create`, `datasets.find`, ... */
export const appRouter = router({
  auth: authRouter,
  datasets: datasetsRouter,
  training: trainingRouter,
  models: modelsRouter,
  deployments: deploymentsRouter,
  traces: tracesRouter,
  annotations: annotationsRouter,
  evaluations: evaluationsRouter,
  jobs: jobsRouter,
  suite: suiteRouter,
});

/** The type the console's tRPC client is created with: `createTRPCClient<AppRouter>(...)`. */
export type AppRouter = typeof appRouter;

/** Server-side calls without HTTP (tests, scripts): `createAppCaller(context).auth.me()`. */
export const createAppCaller = createCallerFactory(appRouter);

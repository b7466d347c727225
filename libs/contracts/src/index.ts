// @prmbas/contracts: zod schemas shared by the API, the worker and the console, and the tRPC
// AppRouter (its procedures call service interfaces the api supplies in the context).

// Jobs: kinds, requirements, payloads, and the job procedures' requests and responses.
export * from './jobs';

// Shared schema building blocks.
export * from './common/schemas';

// Auth: roles and scopes, users, sessions, API keys, the service the api implements, the router.
export * from './auth/roles';
export * from './auth/user.schemas';
export * from './auth/session.schemas';
export * from './auth/api-key.schemas';
export type { Actor, ClientInfo } from './auth/actor';
export type { AuthService, NewSession } from './auth/auth.service';
export { authRouter } from './auth/auth.router';

// Training runs (start, watch, compare, cancel), the model registry, evaluations.
export * from './training';
export * from './models';
export * from './evaluations';

// Deployments (what /v1/chat/completions serves) and the traces of served requests.
export * from './deployments';
export * from './traces';

// Datasets (versions, build, browse, freeze; import/export shapes) and annotation queues.
export * from './datasets';
export * from './annotations';

// The built-in synth suite question by question (the playground's source without a dataset).
export * from './suite';

// tRPC: the context the api supplies, the procedure ladder, the root router and its type.
export type { AppServices, SessionCookie, TrpcContext } from './trpc/context';
export { ZFieldIssue, errorDetail, type ErrorDetail, type TFieldIssue } from './trpc/error-shape';
export { createCallerFactory, middleware, router } from './trpc/init';
export {
  adminProcedure,
  annotatorProcedure,
  authenticatedProcedure,
  publicProcedure,
  researcherProcedure,
  roleProcedure,
  viewerProcedure,
} from './trpc/procedures';
export { appRouter, createAppCaller, type AppRouter } from './app-router';

import { TRPCError } from '@trpc/server';
import { describe, expect, it, vi } from 'vitest';
import { createAppCaller } from '../app-router';
import type { Actor } from '../auth/actor';
import type { AnnotationsService } from '../annotations/annotations.service';
import type { AuthService } from '../auth/auth.service';
import type { DatasetsService } from '../datasets/datasets.service';
import type { EvaluationsService } from '../evaluations/evaluations.service';
import type { DeploymentsService } from '../deployments/deployments.service';
import type { TracesService } from '../traces/traces.service';
import type { JobsService } from '../jobs/jobs.service';
import type { ModelsService } from '../models/models.service';
import type { TrainingService } from '../training/training.service';
import type { SuiteService } from '../suite/suite.service';
import type { TApiKeyScope, TUserRole } from '../auth/roles';
import type { TrpcContext } from './context';

const NOW = '2025-01-01T00:00:00.000Z';

function actor(role: TUserRole, scopes?: TApiKeyScope[]): Actor {
  return {
    user: { id: '0190f0f0-0000-7000-8000-000000000001', email: `${role}@example.com`, name: null, role, disabledAt: null, lastLoginAt: null, createdAt: NOW },
    credential: scopes ? { type: 'api_key', apiKeyId: 'k1', prefix: 'pb_abcdefgh', scopes } : { type: 'session', sessionId: 's1' },
    requestId: 'req-1',
  };
}

/** A context whose auth service records calls; errors with a `status` map like the api's AppError. */
function context(overrides: Partial<TrpcContext> = {}) {
  const auth = {
    findUsers: vi.fn(async () => ({ items: [], nextCursor: null })),
    createApiKey: vi.fn(),
    signOut: vi.fn(async () => false),
  } as unknown as AuthService;
  const ctx: TrpcContext = {
    requestId: 'req-1',
    client: { requestId: 'req-1', ip: null, userAgent: null },
    actor: null,
    credentialError: null,
    services: { auth, jobs: {} as JobsService, training: {} as TrainingService, models: {} as ModelsService, evaluations: {} as EvaluationsService, deployments: {} as DeploymentsService, traces: {} as TracesService, datasets: {} as DatasetsService, annotations: {} as AnnotationsService, suite: {} as SuiteService },
    sessionCookie: { set: vi.fn(), clear: vi.fn() },
    toTrpcError: (thrown) => new TRPCError({ code: 'NOT_FOUND', message: String((thrown as Error).message), cause: thrown as Error }),
    ...overrides,
  };
  return { ctx, auth, caller: createAppCaller(ctx) };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: unknown) => (error instanceof TRPCError ? error.code : 'not a TRPCError'),
  );
}

describe('the procedure ladder', () => {
  it('answers UNAUTHORIZED without a caller, with the rejected credential as the message', async () => {
    expect(await codeOf(context().caller.auth.users.find({}))).toBe('UNAUTHORIZED');
    const rejected = context({ credentialError: 'This API key was revoked.' }).caller.auth.users.find({});
    await expect(rejected).rejects.toThrow('This API key was revoked.');
  });

  it('orders roles: admin passes everything, others get FORBIDDEN on admin procedures', async () => {
    expect(await codeOf(context({ actor: actor('admin') }).caller.auth.users.find({}))).toBeUndefined();
    for (const role of ['viewer', 'annotator', 'researcher'] as const) {
      expect(await codeOf(context({ actor: actor(role) }).caller.auth.users.find({}))).toBe('FORBIDDEN');
    }
  });

  it('bounds API keys by scope: read for queries, write for mutations, admin for admin procedures', async () => {
    expect(await codeOf(context({ actor: actor('admin', ['inference']) }).caller.auth.users.find({}))).toBe('FORBIDDEN');
    expect(await codeOf(context({ actor: actor('admin', ['read']) }).caller.auth.users.find({}))).toBe('FORBIDDEN');
    expect(await codeOf(context({ actor: actor('admin', ['admin']) }).caller.auth.users.find({}))).toBeUndefined();
    const readOnly = context({ actor: actor('viewer', ['read']) });
    expect(await codeOf(readOnly.caller.auth.apiKeys.create({ name: 'x', scopes: ['read'] }))).toBe('FORBIDDEN');
    expect(readOnly.auth.createApiKey).not.toHaveBeenCalled();
  });

  it('checks the caller before the input, so anonymous bad input is a 401, not a 400', async () => {
    expect(await codeOf(context().caller.auth.users.create({ email: 'nope' } as never))).toBe('UNAUTHORIZED');
  });

  it('maps what a service throws through the context, once', async () => {
    const { caller, auth } = context({ actor: actor('admin') });
    vi.mocked(auth.findUsers).mockRejectedValueOnce(new Error('user was not found'));
    const error = await caller.auth.users.find({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'user was not found' });
  });

  it('validates outputs: a service returning the wrong shape is a server error, not a wrong page', async () => {
    const { caller, auth } = context({ actor: actor('admin') });
    vi.mocked(auth.findUsers).mockResolvedValueOnce({ items: [{ id: 'x' }], nextCursor: null } as never);
    const error = await caller.auth.users.find({}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND' }); // our test mapper maps everything; the api maps it to 500
    expect((error as TRPCError).cause).toMatchObject({ name: 'ZodError' });
  });

  it('signOut is public and clears the cookie even without a session', async () => {
    const { caller, ctx } = context();
    expect(await caller.auth.signOut()).toEqual({ signedOut: false });
    expect(ctx.sessionCookie.clear).toHaveBeenCalled();
  });

  it('me answers null for anonymous callers and the caller otherwise', async () => {
    expect(await context().caller.auth.me()).toBeNull();
    const admin = actor('admin', ['read']);
    expect(await context({ actor: admin }).caller.auth.me()).toEqual({ user: admin.user, credential: admin.credential });
  });
});

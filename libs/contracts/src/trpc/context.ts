import type { TRPCError } from '@trpc/server';
import type { Actor, ClientInfo } from '../auth/actor';
import type { AnnotationsService } from '../annotations/annotations.service';
import type { AuthService } from '../auth/auth.service';
import type { DatasetsService } from '../datasets/datasets.service';
import type { DeploymentsService } from '../deployments/deployments.service';
import type { EvaluationsService } from '../evaluations/evaluations.service';
import type { JobsService } from '../jobs/jobs.service';
import type { TracesService } from '../traces/traces.service';
import type { ModelsService } from '../models/models.service';
import type { SuiteService } from '../suite/suite.service';
import type { TrainingService } from '../training/training.service';

/**
 * The domain services the routers call, one per domain, supplied by the api. A domain adds its
 * interface here when its router gets procedures.
 */
export interface AppServices {
  auth: AuthService;
  jobs: JobsService;
  training: TrainingService;
  models: ModelsService;
  evaluations: EvaluationsService;
  deployments: DeploymentsService;
  traces: TracesService;
  datasets: DatasetsService;
  annotations: AnnotationsService;
  suite: SuiteService;
}

/** Sets or clears the session cookie: the one transport concern the auth router has. */
export interface SessionCookie {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/**
 * What every procedure sees. The api builds it per request (apps/api/src/trpc): the caller from
 * the session cookie or a Bearer API key, the services, and the mapping of its errors.
 */
export interface TrpcContext {
  requestId: string;
  client: ClientInfo;
  /** The authenticated caller; null when no credential was sent or it was not valid. */
  actor: Actor | null;
  /**
   * Why a credential that was sent was rejected ("API key revoked", "session expired"). Public
   * procedures ignore it (signing in with a stale cookie must work); the authenticated ladder
   * answers 401 with it.
   */
  credentialError: string | null;
  services: AppServices;
  sessionCookie: SessionCookie;
  /** The server's error → TRPCError mapping (its typed errors carry the code and the field). */
  toTrpcError(thrown: unknown): TRPCError;
}

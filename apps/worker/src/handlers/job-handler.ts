/** What a job kind's code gets and must provide. */
import type { TJobKind } from '@prmbas/contracts';
import type { Job, JobLease, PrismaClient, RunProgress, WorkerCapabilities } from '@prmbas/db';
import type { Prisma } from '@prmbas/db';
import type { Logger } from 'pino';

export interface JobContext {
  job: Job;
  lease: JobLease;
  /** Aborted on cancel, shutdown or a lost lease (reason: a JobStop). Handlers pass it down and throw when it fires. */
  signal: AbortSignal;
  /** 0..1, written as it happens (coalesced); `run` also updates the linked training run. */
  progress(fraction: number, run?: RunProgress): void;
  prisma: PrismaClient;
  workerId: string;
  capabilities: WorkerCapabilities;
  log: Logger;
}

export interface JobResult {
  result: Prisma.InputJsonObject;
  /** A model version the job produced (linked on the job row). */
  modelVersionId?: string;
}

export interface JobHandler {
  kind: TJobKind;
  run(ctx: JobContext): Promise<JobResult>;
  /** The last attempt failed: mark what the job was building as failed. */
  onFinalFailure?(ctx: JobContext, error: unknown): Promise<void>;
  /** The job was cancelled while running. */
  onCancelled?(ctx: JobContext): Promise<void>;
}

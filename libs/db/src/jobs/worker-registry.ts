/**
 * Workers in the `workers` table: registration with capabilities, heartbeats on the database
 * clock, and the stop mark. `capabilities` also records the worker's heartbeat timing, so whoever
 * reaps (dead-worker-reaper.ts) judges each worker by its own promise.
 */
import type { PrismaClient } from '../client';
import type { Worker } from '../generated/prisma/client';
import { backendFromName, type BackendName } from '../backend';

export interface WorkerRegistration {
  id: string;
  hostname: string;
  pid: number;
  backend: BackendName;
  gpu: boolean;
  /** Queues consumed, kinds, concurrency, model kinds, versions... */
  capabilities: Record<string, unknown>;
  heartbeatMs: number;
  /** Missing heartbeats for this long = dead. Several heartbeats, so a slow moment is not a death. */
  staleAfterMs: number;
  version?: string;
}

export async function registerWorker(prisma: PrismaClient, w: WorkerRegistration): Promise<Worker> {
  if (!(w.staleAfterMs >= 2 * w.heartbeatMs)) throw new RangeError(`registerWorker: staleAfterMs (${w.staleAfterMs}) must be at least twice heartbeatMs (${w.heartbeatMs})`);
  const data = {
    hostname: w.hostname,
    pid: w.pid,
    backend: backendFromName(w.backend),
    gpu: w.gpu,
    capabilities: { ...w.capabilities, heartbeatMs: w.heartbeatMs, staleAfterMs: w.staleAfterMs },
    version: w.version ?? null,
    startedAt: new Date(),
    stoppedAt: null,
  };
  await prisma.worker.upsert({ where: { id: w.id }, create: { id: w.id, ...data }, update: data });
  // The first heartbeat on the database clock (the row's default used this machine's clock).
  await heartbeatWorker(prisma, w.id);
  return prisma.worker.findUniqueOrThrow({ where: { id: w.id } });
}

/** false when the row is gone (deleted by an operator): the caller registers again. */
export async function heartbeatWorker(prisma: PrismaClient, workerId: string): Promise<boolean> {
  const n = await prisma.$executeRaw`UPDATE workers SET last_heartbeat_at = now() WHERE id = ${workerId}`;
  return n > 0;
}

export async function markWorkerStopped(prisma: PrismaClient, workerId: string): Promise<void> {
  await prisma.$executeRaw`UPDATE workers SET stopped_at = now() WHERE id = ${workerId}`;
}

/** Workers with a heartbeat within their own staleAfterMs and no stop recorded. */
export async function liveWorkers(prisma: PrismaClient, defaultStaleAfterMs = 30_000): Promise<Worker[]> {
  const ids = await prisma.$queryRaw<{ id: string }[]>`
    SELECT id FROM workers WHERE stopped_at IS NULL
      AND last_heartbeat_at >= now() - make_interval(secs => COALESCE((capabilities->>'staleAfterMs')::float8, ${defaultStaleAfterMs}::float8) / 1000)`;
  return prisma.worker.findMany({ where: { id: { in: ids.map((r) => r.id) } }, orderBy: { id: 'asc' } });
}

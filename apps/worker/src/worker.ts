/**
 * The worker process's job loop.
 *
 * Lifecycle: register (id, hostname, backend, GPU, queues, heartbeat timing) → hand back jobs a
 * previous process under the same id left running → heartbeat every `heartbeatMs` on the database
 * clock, and with each heartbeat read the cancel flag and ownership of the jobs it runs → fetch
 * from its queues (only those its capabilities allow, most specific first) whenever it has a free
 * slot, polling every `pollMs` when idle → every `reapMs`, hand back the jobs of dead workers →
 * on stop: no more fetching, running jobs are told to stop (they checkpoint) and are handed back,
 * the stop is recorded.
 */
import type { TJobKind } from '@prmbas/contracts';
import {
  checkLeases,
  heartbeatWorker,
  markWorkerStopped,
  reapDeadWorkerJobs,
  registerWorker,
  workerQueues,
  type BossJobData,
  type PrismaClient,
  type WorkerCapabilities,
} from '@prmbas/db';
import { hostname } from 'node:os';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { JobHandler } from './handlers/job-handler';
import { runFetchedJob, type RunningJob } from './runner/job-runner';
import { JobStop } from './runner/job-stop';

export interface WorkerTimings {
  heartbeatMs: number;
  staleAfterMs: number;
  pollMs: number;
  reapMs: number;
  shutdownTimeoutMs: number;
}

export interface WorkerOptions {
  id: string;
  prisma: PrismaClient;
  boss: PgBoss;
  capabilities: WorkerCapabilities;
  kinds: readonly TJobKind[];
  handlers: readonly JobHandler[];
  concurrency: number;
  timings: WorkerTimings;
  log: Logger;
  /** Recorded with the registration (model kinds, versions, ...). */
  extraCapabilities?: Record<string, unknown>;
  version?: string;
}

export class Worker {
  readonly queues: string[];
  private readonly handlers: Map<string, JobHandler>;
  private readonly running = new Set<RunningJob>();
  private readonly tasks = new Set<Promise<void>>();
  private stopping = false;
  private loopDone: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** Heartbeats and reaping go on while running jobs stop, so the worker is not taken for dead meanwhile. */
  private closed = false;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private rotation = 0;

  constructor(private readonly options: WorkerOptions) {
    this.queues = workerQueues(options.capabilities, options.kinds);
    this.handlers = new Map(options.handlers.map((h) => [h.kind, h]));
  }

  get id(): string {
    return this.options.id;
  }

  async start(): Promise<void> {
    const { prisma, boss, capabilities, timings, log } = this.options;
    await this.register();
    // Jobs a previous process with this id was running are not running any more.
    const leftover = await reapDeadWorkerJobs(prisma, boss, { workerId: this.id });
    if (leftover.length > 0) log.warn({ jobs: leftover }, 'handed back jobs left running by a previous process with this id');
    this.every('heartbeat', timings.heartbeatMs, () => this.heartbeat());
    this.every('reap', timings.reapMs, () => this.reap());
    this.loopDone = this.loop();
    log.info({ queues: this.queues, backend: capabilities.backend, gpu: capabilities.gpu, concurrency: this.options.concurrency }, 'worker ready');
  }

  /** Stop fetching, stop running jobs (handed back to the queue), record the stop. */
  async stop(reason = 'shutdown'): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const { log, timings } = this.options;
    this.wake?.();
    await this.loopDone;
    for (const job of this.running) job.controller.abort(new JobStop('shutdown', `worker ${this.id} is stopping (${reason})`));
    const settled = Promise.allSettled([...this.tasks]);
    const timedOut = await Promise.race([settled.then(() => false), sleep(timings.shutdownTimeoutMs).then(() => true)]);
    if (timedOut) log.warn({ jobs: [...this.running].map((j) => j.lease.jobId) }, 'jobs did not stop in time; the reaper will hand them back');
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await markWorkerStopped(this.options.prisma, this.id).catch((error: unknown) => log.error({ err: error }, 'could not record the stop'));
    log.info({ reason }, 'worker stopped');
  }

  private async register(): Promise<void> {
    const { prisma, capabilities, timings, concurrency, kinds, version } = this.options;
    await registerWorker(prisma, {
      id: this.id,
      hostname: hostname(),
      pid: process.pid,
      backend: capabilities.backend,
      gpu: capabilities.gpu,
      capabilities: { queues: this.queues, kinds, concurrency, ...this.options.extraCapabilities },
      heartbeatMs: timings.heartbeatMs,
      staleAfterMs: timings.staleAfterMs,
      version,
    });
  }

  private async loop(): Promise<void> {
    const { log, timings, concurrency } = this.options;
    while (!this.stopping) {
      let fetched: PgBoss.JobWithMetadata<BossJobData> | null = null;
      if (this.tasks.size < concurrency) {
        try {
          fetched = await this.fetchNext();
        } catch (error) {
          log.error({ err: error }, 'fetch failed');
        }
      }
      // Launched even when stopping meanwhile: claimed and handed straight back (a fetched job left
      // unclaimed would sit active in pg-boss until the reaper notices the orphaned fetch).
      if (fetched) {
        this.launch(fetched);
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timings.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** The first job on this worker's queues; the kind tried first rotates so no kind starves another. */
  private async fetchNext(): Promise<PgBoss.JobWithMetadata<BossJobData> | null> {
    const perKind = this.queues.length / this.options.kinds.length;
    const start = (this.rotation++ % this.options.kinds.length) * perKind;
    const order = [...this.queues.slice(start), ...this.queues.slice(0, start)];
    for (const queue of order) {
      const [job] = await this.options.boss.fetch<BossJobData>(queue, { includeMetadata: true, batchSize: 1 });
      if (job) return job;
    }
    return null;
  }

  private launch(fetched: PgBoss.JobWithMetadata<BossJobData>): void {
    const { prisma, boss, capabilities, log } = this.options;
    const task = runFetchedJob(
      {
        prisma,
        boss,
        workerId: this.id,
        capabilities,
        handlers: this.handlers,
        log,
        onStart: (job) => {
          this.running.add(job);
          if (this.stopping) job.controller.abort(new JobStop('shutdown', `worker ${this.id} is stopping`));
        },
        onEnd: (job) => this.running.delete(job),
      },
      fetched,
    )
      .catch((error: unknown) => log.error({ err: error, jobId: fetched.id }, 'job runner crashed'))
      .finally(() => {
        this.tasks.delete(task);
        this.wake?.();
      });
    this.tasks.add(task);
  }

  private async heartbeat(): Promise<void> {
    const { prisma, log } = this.options;
    if (!(await heartbeatWorker(prisma, this.id))) {
      log.warn('worker row was gone; registering again');
      await this.register();
    }
    const jobs = [...this.running];
    const states = await checkLeases(prisma, jobs.map((j) => j.lease));
    for (const job of jobs) {
      const state = states.get(job.lease.jobId);
      if (state === 'cancel') job.controller.abort(new JobStop('cancel', 'cancel requested'));
      else if (state === 'lost') job.controller.abort(new JobStop('lost', 'another attempt owns this job'));
    }
  }

  private async reap(): Promise<void> {
    const reaped = await reapDeadWorkerJobs(this.options.prisma, this.options.boss);
    if (reaped.length > 0) this.options.log.warn({ jobs: reaped }, 'handed back jobs of dead workers');
  }

  /** Runs `fn` every `ms` (never overlapping itself) until the worker is closed; errors are logged, never fatal. */
  private every(name: string, ms: number, fn: () => Promise<void>): void {
    const tick = async () => {
      if (this.closed) return;
      try {
        await fn();
      } catch (error) {
        this.options.log.error({ err: error }, `${name} failed`);
      }
      if (!this.closed) this.timers.set(name, setTimeout(tick, ms));
    };
    this.timers.set(name, setTimeout(tick, ms));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

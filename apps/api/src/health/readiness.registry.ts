import { Injectable } from '@nestjs/common';

/** A readiness check resolves when its dependency is usable and throws (or rejects) when not. */
export type ReadinessCheck = (signal: AbortSignal) => Promise<unknown> | unknown;

export interface ReadinessCheckOptions {
  /** A check slower than this fails (default 2000 ms). */
  timeoutMs?: number;
}

export interface ReadinessResult {
  name: string;
  ok: boolean;
  durationMs: number;
  error?: string;
}

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  checks: ReadinessResult[];
}

interface RegisteredCheck {
  readonly check: ReadinessCheck;
  readonly timeoutMs: number;
}

const DEFAULT_TIMEOUT_MS = 2000;

/**
 * What `/readyz` asks. Modules register a check for each dependency they need to serve traffic:
 *   constructor(readiness: ReadinessRegistry) { readiness.register('database', () => this.prisma.$queryRaw`SELECT 1`); }
 * Checks run in parallel, each under its own timeout. While the process drains for shutdown the
 * API reports not ready, so load balancers stop sending it traffic.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, RegisteredCheck>();
  private draining = false;

  /** Adds a named check; returns a function that removes it. Names are unique. */
  register(name: string, check: ReadinessCheck, options: ReadinessCheckOptions = {}): () => void {
    if (this.checks.has(name)) throw new Error(`readiness check '${name}' is already registered`);
    const entry = { check, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
    this.checks.set(name, entry);
    return () => {
      if (this.checks.get(name) === entry) this.checks.delete(name);
    };
  }

  names(): string[] {
    return [...this.checks.keys()];
  }

  /** From now on the API reports not ready (called when shutdown starts). */
  markDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  async run(): Promise<ReadinessReport> {
    const results = await Promise.all([...this.checks].map(([name, entry]) => runCheck(name, entry)));
    if (this.draining) results.unshift({ name: 'shutdown', ok: false, durationMs: 0, error: 'the API is shutting down' });
    return { status: results.every((r) => r.ok) ? 'ready' : 'not_ready', checks: results };
  }
}

async function runCheck(name: string, { check, timeoutMs }: RegisteredCheck): Promise<ReadinessResult> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(() => check(controller.signal)), timeout]);
    return { name, ok: true, durationMs: elapsed(started) };
  } catch (error) {
    return { name, ok: false, durationMs: elapsed(started), error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

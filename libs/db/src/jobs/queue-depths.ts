/** Jobs waiting and running in each platform queue, through pg-boss' public API (for /metrics). */
import type PgBoss from 'pg-boss';
import { ALL_QUEUES } from './job-routing';

export interface QueueDepthReading {
  queue: string;
  /** 'queued' (created or waiting for a retry) or 'active'. */
  state: 'queued' | 'active';
  depth: number;
}

export async function queueDepths(boss: PgBoss, queues: readonly string[] = ALL_QUEUES): Promise<QueueDepthReading[]> {
  const readings = await Promise.all(
    queues.map(async (queue) => {
      // getQueueSize counts jobs in states before the given one: created, retry < active < completed.
      const [waiting, unfinished] = await Promise.all([boss.getQueueSize(queue, { before: 'active' }), boss.getQueueSize(queue, { before: 'completed' })]);
      return [
        { queue, state: 'queued' as const, depth: waiting },
        { queue, state: 'active' as const, depth: Math.max(0, unfinished - waiting) },
      ];
    }),
  );
  return readings.flat();
}

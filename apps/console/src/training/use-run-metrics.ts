'use client';
/**
 * A run's metric series, live. Primary: the API's server-sent events
 * (`GET /training/runs/:id/metrics/stream`, through the /api proxy; EventSource sends the cookie
 * and resumes with Last-Event-ID on reconnect, so no point is missed or repeated). If the stream
 * cannot be opened (refused, or a proxy that buffers), the same data comes by polling
 * `training.metrics` with its per-series cursor every 2 s.
 */
import type { TMetricsCursor, TRunMetricsEvent, TRunStatusEvent } from '@prmbas/contracts';
import { useEffect, useRef, useState } from 'react';
import { apiPath } from '@/lib/api-paths';
import { trpc } from '@/lib/trpc';

export type MetricPoints = Record<string, Array<{ x: number; y: number }>>;

export interface RunMetricsState {
  series: MetricPoints;
  status: TRunStatusEvent | null;
  /** `stream` while the SSE stream delivers, `polling` after falling back, `done` once everything arrived. */
  mode: 'connecting' | 'stream' | 'polling' | 'done';
  error: string | null;
}

function merge(into: MetricPoints, points: Array<{ name: string; step: number; value: number }>): MetricPoints {
  if (points.length === 0) return into;
  const next = { ...into };
  for (const p of points) {
    const list = next[p.name] === into[p.name] ? [...(into[p.name] ?? [])] : next[p.name]!;
    // The cursor guarantees no repeats; the check guards a replayed event after a reconnect.
    if (list.length === 0 || list[list.length - 1]!.x < p.step) list.push({ x: p.step, y: p.value });
    next[p.name] = list;
  }
  return next;
}

export function useRunMetrics(runId: string, onFinished?: () => void): RunMetricsState {
  const [state, setState] = useState<RunMetricsState>({ series: {}, status: null, mode: 'connecting', error: null });
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    let cancelled = false;
    let cursor: TMetricsCursor = {};
    let pollTimer: ReturnType<typeof setTimeout> | null = null;
    let received = false;
    setState({ series: {}, status: null, mode: 'connecting', error: null });

    const poll = async () => {
      try {
        const page = await trpc.training.metrics.query({ id: runId, after: cursor });
        if (cancelled) return;
        cursor = page.cursor;
        const points = page.series.flatMap((s) => s.points.map((p) => ({ name: s.name, step: p.step, value: p.value })));
        setState((s) => ({
          series: merge(s.series, points),
          status: { status: page.status, progress: page.progress, step: page.step, totalSteps: page.totalSteps, error: s.status?.error ?? null },
          mode: page.done ? 'done' : 'polling',
          error: null,
        }));
        if (page.done) return finished.current?.();
        pollTimer = setTimeout(poll, page.truncated ? 0 : 2000);
      } catch (error) {
        if (cancelled) return;
        setState((s) => ({ ...s, error: (error as Error).message }));
        pollTimer = setTimeout(poll, 5000);
      }
    };

    const source = new EventSource(apiPath(`/training/runs/${runId}/metrics/stream`));
    source.addEventListener('metrics', (e) => {
      received = true;
      const data = JSON.parse((e as MessageEvent<string>).data) as TRunMetricsEvent;
      cursor = data.cursor;
      setState((s) => ({ ...s, series: merge(s.series, data.points), mode: 'stream', error: null }));
    });
    source.addEventListener('status', (e) => {
      received = true;
      const status = JSON.parse((e as MessageEvent<string>).data) as TRunStatusEvent;
      setState((s) => ({ ...s, status, mode: 'stream' }));
    });
    source.addEventListener('end', () => {
      // Close before the server does: EventSource would otherwise reconnect.
      source.close();
      setState((s) => ({ ...s, mode: 'done' }));
      finished.current?.();
    });
    source.onerror = () => {
      // CLOSED: the server refused the stream (EventSource gives up). CONNECTING: it retries by itself.
      if (source.readyState === EventSource.CLOSED && !cancelled) {
        setState((s) => ({ ...s, mode: 'polling' }));
        void poll();
      } else if (!received && !cancelled) {
        // Never got an event: do not wait on a stream that a proxy may be buffering.
        source.close();
        setState((s) => ({ ...s, mode: 'polling' }));
        void poll();
      }
    };

    return () => {
      cancelled = true;
      source.close();
      if (pollTimer) clearTimeout(pollTimer);
    };
  }, [runId]);

  return state;
}

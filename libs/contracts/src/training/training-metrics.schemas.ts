/**
 * A run's metric series for live curves and comparisons.
 *
 * The cursor is per series: `{ "train/loss": 120, "eval/auroc": 100 }` = the last step the caller
 * holds of each. Workers write each series in increasing step order (one writer per run, a resumed
 * run re-reaching a step writes nothing new), so "steps after my last one, per series" is exact:
 * no point is missed or sent twice, even though eval/* points of a step land after train/* ones.
 * A single step or time cursor cannot promise that; they are offered for simple callers.
 */
import { z } from 'zod';
import { ZDateTime, ZId } from '../common/schemas';
import { ZTrainingRun, ZTrainingRunStatus } from './training-run.schemas';

/** `train/loss`, `eval/auroc`, ... */
export const ZMetricName = z.string({ error: 'must be a metric name' }).regex(/^[A-Za-z0-9_./-]{1,64}$/, 'must be 1-64 characters of letters, digits, "_", ".", "/" or "-"');

/** Per series, the last step the caller holds (pass back the response's `cursor`). */
export const ZMetricsCursor = z.record(ZMetricName, z.number({ error: 'must be a step' }).int('must be an integer step').min(-1, 'must be >= -1'));
export type TMetricsCursor = z.infer<typeof ZMetricsCursor>;

export const ZMetricPoint = z.object({ step: z.number().int(), value: z.number(), time: ZDateTime });
export type TMetricPoint = z.infer<typeof ZMetricPoint>;

export const ZGetRunMetricsRequest = z.strictObject({
  id: z.uuid({ error: 'must be a training run id (UUID)' }),
  /** Only these series (default all). */
  names: z.array(ZMetricName).min(1, 'must name at least one series').max(64, 'at most 64 series').optional(),
  /** Exact increments: points after each series' step here. Series not in it start at `sinceStep`. */
  after: ZMetricsCursor.optional(),
  /** Points with a step above this (default: all). */
  sinceStep: z.number({ error: 'must be an integer step' }).int('must be an integer step').min(-1, 'must be >= -1').optional(),
  /** Points recorded after this time. Coarse: a point committed late can be skipped; prefer `after`. */
  sinceTime: ZDateTime.optional(),
  /** At most this many points; `truncated` says more are waiting (call again with `cursor`). */
  limit: z.number({ error: 'must be an integer in [1, 50000]' }).int().min(1, 'must be an integer in [1, 50000]').max(50_000, 'must be an integer in [1, 50000]').default(10_000),
});
export type TGetRunMetricsRequest = z.infer<typeof ZGetRunMetricsRequest>;

export const ZGetRunMetricsResponse = z.object({
  runId: ZId,
  status: ZTrainingRunStatus,
  progress: z.number(),
  step: z.number().int().nullable(),
  totalSteps: z.number().int().nullable(),
  /** By name; points by step. Only series with new points appear. */
  series: z.array(z.object({ name: z.string(), points: z.array(ZMetricPoint) })),
  /** The request's cursor moved past what this answer holds: send it back as `after`. */
  cursor: ZMetricsCursor,
  truncated: z.boolean(),
  /** The run has finished and every point was delivered: stop polling. */
  done: z.boolean(),
});
export type TGetRunMetricsResponse = z.infer<typeof ZGetRunMetricsResponse>;

export const ZCompareRunsRequest = z.strictObject({
  ids: z
    .array(z.uuid({ error: 'must be a training run id (UUID)' }))
    .min(2, 'compare at least 2 runs')
    .max(10, 'compare at most 10 runs')
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a run'),
  /** Series to align (default: every series of any of the runs). */
  names: z.array(ZMetricName).min(1, 'must name at least one series').max(64, 'at most 64 series').optional(),
  /** Rows per series at most; longer series are thinned evenly, keeping the first and last step. */
  maxPoints: z.number({ error: 'must be an integer in [2, 10000]' }).int().min(2, 'must be an integer in [2, 10000]').max(10_000, 'must be an integer in [2, 10000]').default(1000),
});
export type TCompareRunsRequest = z.infer<typeof ZCompareRunsRequest>;

export const ZCompareRunsResponse = z.object({
  /** In the order asked; `values` below follow it. */
  runs: z.array(ZTrainingRun),
  /**
   * One table per series, aligned by step: each row is a step any run reported, with each run's
   * value at that step (null where that run has none: it logged at other steps or stopped earlier).
   */
  series: z.array(z.object({ name: z.string(), rows: z.array(z.object({ step: z.number().int(), values: z.array(z.number().nullable()) })) })),
});
export type TCompareRunsResponse = z.infer<typeof ZCompareRunsResponse>;

/**
 * The server-sent events of `GET /training/runs/:id/metrics/stream` (REST: EventSource sends the
 * session cookie). Each `metrics` event's `id` is the encoded cursor, so a reconnect
 * (`Last-Event-ID`) resumes exactly where the stream stopped.
 *   event: metrics  data: { points: [{ name, step, value, time }], cursor }
 *   event: status   data: { status, progress, step, totalSteps, error }   (when it changes)
 *   event: end      data: { status }   (finished and all points sent; the server closes)
 */
export const ZRunMetricsStreamPoint = ZMetricPoint.extend({ name: z.string() });
export const ZRunMetricsEvent = z.object({ points: z.array(ZRunMetricsStreamPoint), cursor: ZMetricsCursor });
export type TRunMetricsEvent = z.infer<typeof ZRunMetricsEvent>;
export const ZRunStatusEvent = z.object({
  status: ZTrainingRunStatus,
  progress: z.number(),
  step: z.number().int().nullable(),
  totalSteps: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type TRunStatusEvent = z.infer<typeof ZRunStatusEvent>;
export const ZRunEndEvent = z.object({ status: ZTrainingRunStatus });
export type TRunEndEvent = z.infer<typeof ZRunEndEvent>;

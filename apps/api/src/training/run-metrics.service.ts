/**
 * Metric series of runs: increments for live curves (per-series cursor, see metrics-cursor.ts)
 * and several runs aligned by step for comparison charts.
 */
import { Injectable } from '@nestjs/common';
import { FINISHED_TRAINING_RUN_STATUSES, type TCompareRunsRequest, type TCompareRunsResponse, type TGetRunMetricsRequest, type TGetRunMetricsResponse } from '@prmbas/contracts';
import { AppError } from '../errors/app-error';
import { advanceCursor, groupSeries } from './metrics-cursor';
import { alignRuns } from './run-alignment';
import { latestByRun, toTrainingRunView } from './training-run-view';
import { TrainingRepository } from './training.repository';

@Injectable()
export class RunMetricsService {
  constructor(private readonly runs: TrainingRepository) {}

  async getMetrics(input: TGetRunMetricsRequest): Promise<TGetRunMetricsResponse> {
    // Status first: a run the worker recorded as finished has all its points committed (it writes
    // them before its outcome), so `done` read this way never hides a last point.
    const run = await this.runs.runStatus(input.id);
    if (!run) throw AppError.notFound('training run', input.id, { param: 'id' });
    const rows = await this.runs.metricPoints(run.id, {
      names: input.names,
      after: input.after,
      sinceStep: input.sinceStep,
      sinceTime: input.sinceTime ? new Date(input.sinceTime) : undefined,
      limit: input.limit,
    });
    const truncated = rows.length > input.limit;
    const points = rows.slice(0, input.limit).map((p) => ({ name: p.name, step: p.step, value: p.value, time: p.recordedAt.toISOString() }));
    return {
      runId: run.id,
      status: run.status,
      progress: run.progress,
      step: run.step,
      totalSteps: run.totalSteps,
      series: groupSeries(points).map((s) => ({ name: s.name, points: s.points.map(({ step, value, time }) => ({ step, value, time })) })),
      cursor: advanceCursor(input.after ?? {}, points),
      truncated,
      done: FINISHED_TRAINING_RUN_STATUSES.includes(run.status) && !truncated,
    };
  }

  async compareRuns(input: TCompareRunsRequest): Promise<TCompareRunsResponse> {
    const rows = await this.runs.findRunsByIds(input.ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = input.ids.findIndex((id) => !byId.has(id));
    if (missing >= 0) throw AppError.notFound('training run', input.ids[missing], { param: `ids.${missing}` });
    const latest = latestByRun(await this.runs.latestMetricPoints(input.ids));
    const names = input.names ?? [...new Set([...latest.values()].flatMap((m) => Object.keys(m)))].sort();
    const points = await this.runs.metricPointsOfRuns(input.ids, names);
    const now = new Date();
    return {
      runs: input.ids.map((id) => toTrainingRunView(byId.get(id)!, latest.get(id) ?? {}, now)),
      series: alignRuns(input.ids, points, names, input.maxPoints),
    };
  }
}

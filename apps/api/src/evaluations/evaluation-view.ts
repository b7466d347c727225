/**
 * An `eval.run` job → the evaluation the console plots: what was asked (series with their
 * strategy and budgets) and, once it succeeded, one point per (series, budget) with accuracy,
 * its 95% interval and the per-question compute. The result rows are read leniently (a row
 * without series/budget, from a worker before they were recorded, is matched to the payload by
 * name), so an older result still plots.
 */
import { ZEvalRunPayload, type TEvalPoint, type TEvaluation, type TJob } from '@prmbas/contracts';
import { parseQueueName } from '@prmbas/db';
import { z } from 'zod';
import type { EvaluationJob } from './evaluations.repository';

const ZResultRow = z.object({
  name: z.string(),
  strategy: z.string(),
  series: z.string().optional(),
  budget: z.number().int().nullable().optional(),
  accuracy: z.number(),
  ci95: z.tuple([z.number(), z.number()]),
  correct: z.number().int(),
  total: z.number().int(),
  errors: z.number().int(),
  policyCalls: z.number(),
  generatedSteps: z.number(),
  tokens: z.number().nullable(),
  prmScoredSteps: z.number(),
  prmBatches: z.number(),
  wallMs: z.number(),
  perQuestion: z.object({ policyCalls: z.number(), generatedSteps: z.number(), prmScoredSteps: z.number(), scorerPolicyCalls: z.number(), searchMs: z.number() }),
});
const ZResult = z.object({ questions: z.number().int(), strategies: z.array(ZResultRow) });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toEvaluationView(job: EvaluationJob): TEvaluation {
  const payload = ZEvalRunPayload.parse(job.payload);
  const asked = payload.strategies.map((s) => ({ name: s.name, series: s.series ?? s.name, budget: s.budget ?? null, strategy: String(s.config['strategy']) }));
  const seriesOrder = [...new Set(asked.map((a) => a.series))];
  const series = seriesOrder.map((name) => {
    const rows = asked.filter((a) => a.series === name);
    return { name, strategy: rows[0]!.strategy, budgets: rows.map((r) => r.budget) };
  });
  const result = job.status === 'succeeded' ? ZResult.safeParse(job.result) : null;
  const points: TEvalPoint[] = result?.success
    ? result.data.strategies
        .map((row): TEvalPoint => {
          const ask = asked.find((a) => a.name === row.name);
          return {
            series: row.series ?? ask?.series ?? row.name,
            strategy: row.strategy,
            budget: row.budget ?? ask?.budget ?? null,
            name: row.name,
            accuracy: row.accuracy,
            ci95: row.ci95,
            correct: row.correct,
            total: row.total,
            errors: row.errors,
            mean: { ...row.perQuestion },
            totals: { generatedSteps: row.generatedSteps, policyCalls: row.policyCalls, prmScoredSteps: row.prmScoredSteps, prmBatches: row.prmBatches, tokens: row.tokens },
            wallMs: row.wallMs,
          };
        })
        .sort((a, b) => seriesOrder.indexOf(a.series) - seriesOrder.indexOf(b.series) || (a.budget ?? 0) - (b.budget ?? 0))
    : [];
  const prm = payload.prm;
  return {
    id: job.id,
    name: payload.name ?? null,
    status: job.status as TJob['status'],
    progress: job.progress,
    error: job.error,
    attempts: job.attempts,
    workerId: job.workerId,
    requirements: parseQueueName(job.queue)?.requirements ?? {},
    source: payload.source as Record<string, unknown>,
    policy: payload.policy as Record<string, unknown>,
    prm: {
      kind: prm.kind,
      modelVersionId: prm.kind === 'model' ? prm.modelVersionId : null,
      alias: prm.kind === 'model' ? (prm.alias ?? null) : null,
      modelVersion: job.modelVersion ? { id: job.modelVersion.id, version: job.modelVersion.version, name: job.modelVersion.name } : null,
    },
    series,
    seed: payload.seed,
    questions: result?.success ? result.data.questions : null,
    points,
    createdBy: job.createdBy ? { id: job.createdBy.id, email: job.createdBy.email } : null,
    cancelRequestedAt: iso(job.cancelRequestedAt),
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
  };
}

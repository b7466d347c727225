/**
 * `eval.run`: @prmbas/bench's runBenchmark — each strategy over the same questions (a dataset
 * version's, or the synth suite), policy, PRM and seeds. The job's result is the summary per
 * strategy (accuracy with its 95% interval, cost counters, and the series / budget the entry
 * belongs to); per-question outcomes are left out.
 */
import { ZEvalRunPayload, type TEvalPrmSpec } from '@prmbas/contracts';
import { readDatasetQuestions, readModelArtifact, type Prisma, type PrismaClient } from '@prmbas/db';
import { runBenchmark } from '@prmbas/bench';
import { McPrm } from '@prmbas/policy';
import { decodeArtifact } from '@prmbas/prm';
import { parseSearchConfig, type Policy, type Prm } from '@prmbas/search';
import { isCorrect, type Question } from '@prmbas/tasks';
import { createPolicy } from '../components/policy-factory';
import { synthQuestions } from '../components/synth-questions';
import type { ModelRegistry } from '../models/model-registry';
import type { JobHandler } from './job-handler';

export function evalRunHandler(deps: { models: ModelRegistry }): JobHandler {
  return {
    kind: 'eval.run',
    async run(ctx) {
      const payload = ZEvalRunPayload.parse(ctx.job.payload);
      const questions =
        payload.source.kind === 'dataset'
          ? await readDatasetQuestions(ctx.prisma, payload.source.datasetVersionId, { limit: payload.source.limit })
          : synthQuestions(payload.source);
      if (questions.length === 0) throw new Error('the evaluation has no questions');
      const strategies = payload.strategies.map((s) => ({ name: s.name, config: parseSearchConfig(s.config) }));
      const policy = createPolicy(payload.policy);
      const scorer = await createPrm(payload.prm, { policy, questions, prisma: ctx.prisma, models: deps.models });
      try {
        const rows = await runBenchmark({
          questions,
          strategies,
          policy,
          prm: scorer?.prm,
          seed: payload.seed,
          concurrency: payload.concurrency,
          signal: ctx.signal,
          onProgress: (p) => ctx.progress((p.strategyIndex + p.done / p.total) / p.strategies),
        });
        // Each row says which series and budget it stands for (an evaluation's sweep), so the
        // result plots on its own; runBenchmark keeps the strategies' order.
        const summaries = rows.map(({ outcomes: _perQuestion, ...summary }, i) => ({
          ...summary,
          series: payload.strategies[i]?.series ?? summary.name,
          budget: payload.strategies[i]?.budget ?? null,
        }));
        return {
          result: {
            questions: questions.length,
            policy: policy.name,
            prm: scorer?.prm.name ?? null,
            seed: payload.seed,
            strategies: JSON.parse(JSON.stringify(summaries)) as Prisma.InputJsonArray,
          },
        };
      } finally {
        scorer?.dispose();
      }
    },
  };
}

async function createPrm(
  spec: TEvalPrmSpec,
  deps: { policy: Policy; questions: readonly Question[]; prisma: PrismaClient; models: ModelRegistry },
): Promise<{ prm: Prm; dispose(): void } | null> {
  if (spec.kind === 'none') return null;
  if (spec.kind === 'mc') {
    const gold = new Map(deps.questions.map((q) => [q.id, q]));
    const prm = new McPrm({
      policy: deps.policy,
      rollouts: spec.rollouts,
      temperature: spec.temperature,
      maxDepth: spec.maxDepth,
      isCorrect: (answer, problem) => {
        const question = gold.get(problem.id);
        if (!question) throw new Error(`mc PRM: no gold answer for question ${problem.id}`);
        return isCorrect(answer, question.answer, question);
      },
    });
    return { prm, dispose: () => {} };
  }
  const stored = await readModelArtifact(deps.prisma, spec.modelVersionId);
  if (!stored) throw new Error(`model version ${spec.modelVersionId} does not exist`);
  const kindName = (stored.modelVersion.config as { kind?: unknown } | null)?.kind;
  if (typeof kindName !== 'string') throw new Error(`model version ${spec.modelVersionId} does not record its model kind`);
  const kind = deps.models.get(kindName);
  if (!kind.createScorer) throw new Error(`model kind '${kindName}' cannot score searches on this worker`);
  return kind.createScorer(decodeArtifact(stored.bytes));
}

/**
 * Evaluations against the real server, Postgres and a real worker process: strategies × budgets
 * on a dataset version's questions with a Monte-Carlo PRM, read back as accuracy-vs-compute
 * points; an alias PRM reference pinned to its version; validation naming the field; roles; cancel.
 */
import type { TEvaluation, TFindEvaluationsResponse } from '@prmbas/contracts';
import type { DatasetVersion, PrismaClient } from '@prmbas/db';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiWithRoles } from '../testing/auth-helpers';
import type { NodeProcess } from '../testing/node-process';
import type { TestApi } from '../testing/test-api';
import { trpcMutation, trpcQuery } from '../testing/trpc-http';
import { buildReadyVersion, createVersion, startWorker, stopWorker, storeModelVersion, waitFor } from '../training/testing/training-fixtures';

describe('evaluations API', () => {
  let api: TestApi;
  let prisma: PrismaClient;
  let researcher: string;
  let viewer: string;
  let version: DatasetVersion;
  let modelVersionId: string;
  let worker: NodeProcess | undefined;

  beforeAll(async () => {
    ({ api, prisma, researcher, viewer } = await startApiWithRoles());
    version = await buildReadyVersion(prisma, { size: 3, seed: 5 });
    modelVersionId = (await storeModelVersion(prisma, version.id, randomBytes(64))).modelVersion.id;
    const moved = await trpcMutation(api, 'models.aliases.move', { name: 'candidate', modelVersionId, expectedModelVersionId: null }, { cookie: researcher });
    expect(moved.error).toBeUndefined();
  }, 120_000);
  afterAll(async () => {
    await stopWorker(worker);
    await prisma?.$disconnect();
    await api?.close();
  });

  const create = (input: unknown, cookie = researcher) => trpcMutation<TEvaluation>(api, 'evaluations.create', input, { cookie });
  const base = { source: { kind: 'synth', size: 2, seed: 1 }, policy: { kind: 'sim' }, strategies: [{ name: 'greedy', config: { strategy: 'greedy' } }] };

  it('refuses bad input with 400 naming the field, unknown references with 404, an unready dataset with 409; viewers cannot start', async () => {
    const building = await createVersion(prisma, 'building');
    const many = Array.from({ length: 16 }, (_, i) => ({ name: `s${i}`, config: { strategy: 'best-of-n' }, budgets: [1, 2, 3, 4, 5] }));
    const cases: [unknown, number, string][] = [
      [{ ...base, strategies: [{ name: 'greedy', config: { strategy: 'greedy' }, budgets: [4] }] }, 400, 'strategies.0.budgets'],
      [{ ...base, strategies: [{ name: 'bas', config: { strategy: 'prm-bas' }, budgets: [4] }] }, 400, 'prm'],
      [{ ...base, strategies: [{ name: 'beam', config: { strategy: 'beam', k: 0 } }], prm: { kind: 'mc' } }, 400, 'strategies.0.config.k'],
      [{ ...base, strategies: [{ name: 'dvts', config: { strategy: 'dvts', m: 4 }, budgets: [8, 6] }], prm: { kind: 'mc' } }, 400, 'strategies.0.config.n'],
      [{ ...base, strategies: [base.strategies[0], base.strategies[0]] }, 400, 'strategies.1.name'],
      [{ ...base, strategies: [{ name: 'x', config: { strategy: 'best-of-n' }, budgets: [0] }], prm: { kind: 'mc' } }, 400, 'strategies.0.budgets.0'],
      [{ ...base, strategies: many, prm: { kind: 'mc' } }, 400, 'strategies'],
      [{ ...base, policy: { kind: 'openai', baseUrl: 'not a url', model: 'm' } }, 400, 'policy.baseUrl'],
      [{ ...base, prm: { kind: 'alias', alias: 'nobody' } }, 404, 'prm.alias'],
      [{ ...base, prm: { kind: 'model', modelVersionId: '0190f0f0-0000-7000-8000-000000000001' } }, 404, 'prm.modelVersionId'],
      [{ ...base, source: { kind: 'dataset', datasetVersionId: building.id } }, 409, 'source.datasetVersionId'],
      [{ ...base, source: { kind: 'dataset', datasetVersionId: '0190f0f0-0000-7000-8000-000000000002' } }, 404, 'source.datasetVersionId'],
    ];
    for (const [input, status, param] of cases) {
      const reply = await create(input);
      expect({ input, status: reply.status, param: reply.error?.data.param }).toEqual({ input, status, param });
    }
    expect((await create(base, viewer)).error?.data.code).toBe('FORBIDDEN');
    expect((await trpcQuery(api, 'evaluations.find', {})).error?.data.code).toBe('UNAUTHORIZED');
  });

  it('pins a PRM alias to the version it points at when the evaluation starts; a queued evaluation cancels at once', async () => {
    const reply = await create({ ...base, name: 'with the candidate', prm: { kind: 'alias', alias: 'candidate' }, strategies: [{ name: 'bas', config: { strategy: 'prm-bas' }, budgets: [2] }] });
    expect(reply.error).toBeUndefined();
    expect(reply.data).toMatchObject({
      name: 'with the candidate',
      status: 'queued',
      prm: { kind: 'model', modelVersionId, alias: 'candidate', modelVersion: { id: modelVersionId } },
      series: [{ name: 'bas', strategy: 'prm-bas', budgets: [2] }],
      points: [],
    });
    const job = await prisma.job.findUniqueOrThrow({ where: { id: reply.data!.id } });
    expect(job.payload).toMatchObject({ prm: { kind: 'model', modelVersionId, alias: 'candidate' }, strategies: [{ name: 'bas@2', series: 'bas', budget: 2, config: { strategy: 'prm-bas', schedule: { b0: 2, bMin: 2 } } }] });
    expect(await prisma.auditLog.count({ where: { action: 'job.create', entityId: job.id } })).toBe(1);

    const cancelled = await trpcMutation<TEvaluation>(api, 'evaluations.cancel', { id: job.id }, { cookie: researcher });
    expect(cancelled.data).toMatchObject({ status: 'cancelled', cancelRequestedAt: expect.any(String) });
    expect((await trpcMutation(api, 'evaluations.cancel', { id: job.id }, { cookie: researcher })).status).toBe(409);
    expect((await trpcMutation(api, 'evaluations.cancel', { id: job.id }, { cookie: viewer })).error?.data.code).toBe('FORBIDDEN');
  });

  it(
    'runs strategies × budgets on a dataset version and answers accuracy-vs-compute points',
    async () => {
      worker = await startWorker(api, { id: 'eval-test-worker', kinds: 'eval.run' });
      const reply = await create({
        name: 'budgets',
        source: { kind: 'dataset', datasetVersionId: version.id },
        policy: { kind: 'sim', capability: 0.6 },
        prm: { kind: 'mc', rollouts: 2 },
        strategies: [
          { name: 'greedy', config: { strategy: 'greedy' } },
          { name: 'sc', config: { strategy: 'self-consistency' }, budgets: [3, 1] },
          { name: 'bas', config: { strategy: 'prm-bas', k: 2 }, budgets: [2, 4] },
        ],
        seed: 1,
        concurrency: 2,
      });
      expect(reply.error).toBeUndefined();
      const id = reply.data!.id;
      const done = await waitFor(
        async () => {
          const e = (await trpcQuery<TEvaluation>(api, 'evaluations.get', { id }, { cookie: viewer })).data!;
          expect(e.status).not.toBe('failed');
          return e.status === 'succeeded' ? e : null;
        },
        'the evaluation',
        120_000,
        250,
      );
      expect(done).toMatchObject({ questions: 3, workerId: 'eval-test-worker', progress: 1, series: [{ name: 'greedy', budgets: [null] }, { name: 'sc', budgets: [1, 3] }, { name: 'bas', budgets: [2, 4] }] });
      expect(done.points.map((p) => [p.series, p.strategy, p.budget, p.name])).toEqual([
        ['greedy', 'greedy', null, 'greedy'],
        ['sc', 'self-consistency', 1, 'sc@1'],
        ['sc', 'self-consistency', 3, 'sc@3'],
        ['bas', 'prm-bas', 2, 'bas@2'],
        ['bas', 'prm-bas', 4, 'bas@4'],
      ]);
      for (const p of done.points) {
        expect(p.total).toBe(3);
        expect(p.accuracy).toBe(p.correct / 3);
        expect(p.ci95[0]).toBeLessThanOrEqual(p.accuracy);
        expect(p.ci95[1]).toBeGreaterThanOrEqual(p.accuracy);
        expect(p.mean.generatedSteps).toBeGreaterThan(0);
        expect(p.totals.generatedSteps).toBeCloseTo(p.mean.generatedSteps * 3);
      }
      const [greedy, sc1, sc3, bas2, bas4] = done.points;
      // More budget is more compute: the x axis of the plot.
      expect(sc3!.mean.generatedSteps).toBeGreaterThan(sc1!.mean.generatedSteps);
      expect(bas4!.mean.generatedSteps).toBeGreaterThan(bas2!.mean.generatedSteps);
      expect(greedy!.mean.prmScoredSteps).toBe(0);
      expect(bas2!.mean.prmScoredSteps).toBeGreaterThan(0);
      expect(bas2!.mean.scorerPolicyCalls).toBeGreaterThan(0); // the Monte-Carlo PRM's rollouts

      const listed = await trpcQuery<TFindEvaluationsResponse>(api, 'evaluations.find', { datasetVersionId: version.id }, { cookie: viewer });
      expect(listed.data!.items.map((e) => e.id)).toEqual([id]);
      const all = await trpcQuery<TFindEvaluationsResponse>(api, 'evaluations.find', { limit: 1 }, { cookie: viewer });
      expect(all.data!.items).toHaveLength(1);
      expect(all.data!.nextCursor).toBe(id);
      expect((await trpcQuery(api, 'evaluations.get', { id: '0190f0f0-0000-7000-8000-000000000003' }, { cookie: viewer })).status).toBe(404);
    },
    180_000,
  );
});

import { describe, expect, it } from 'vitest';
import { backendFromName, backendName } from './backend';
import type { PrismaClient } from './client';
import { useTestPrisma } from './testing/use-test-prisma';

describe('createPrismaClient', () => {
  let prisma: PrismaClient;
  useTestPrisma((t) => void (prisma = t.prisma));

  it('reads and writes through the pg adapter, with time-ordered UUIDv7 ids', async () => {
    const a = await prisma.user.create({ data: { email: 'a@example.com', role: 'annotator', passwordHash: 'scrypt$x' } });
    const b = await prisma.user.create({ data: { email: 'b@example.com' } });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b.id > a.id).toBe(true);
    expect(b.role).toBe('viewer');
    expect(await prisma.user.findMany({ orderBy: { id: 'asc' }, select: { email: true } })).toEqual([{ email: 'a@example.com' }, { email: 'b@example.com' }]);
  });

  it('stores the backend enum as @prmbas/prm names it', async () => {
    await prisma.worker.create({ data: { id: 'gpu-1', hostname: 'box', backend: backendFromName('tensorflow-gpu'), gpu: true } });
    const [row] = await prisma.$queryRaw<{ backend: string }[]>`SELECT backend::text FROM workers WHERE id = 'gpu-1'`;
    expect(row!.backend).toBe('tensorflow-gpu');
    expect(backendName((await prisma.worker.findUniqueOrThrow({ where: { id: 'gpu-1' } })).backend)).toBe('tensorflow-gpu');
  });

  it('stores a served request as a trace: the search tree, cost columns and images', async () => {
    const deployment = await prisma.deployment.create({
      data: { name: 'prm-bas-default', policyConfig: { baseUrl: 'http://localhost:8000/v1', model: 'qwen2-vl' }, strategyConfig: { strategy: 'prm-bas', b0: 8 } },
    });
    const cost = { policyCalls: 3, generatedSteps: 12, tokens: null, prmScoredSteps: 12, prmBatches: 3, scorer: { policyCalls: 0, generatedSteps: 0, tokens: null }, wallMs: 40 };
    const tree = [{ id: 0, parent: null, depth: 0, text: 'Read the chart.', terminal: false, score: 0.9, status: 'expanded' }];
    const trace = await prisma.trace.create({
      data: {
        deploymentId: deployment.id,
        questionText: 'Which bar is tallest?',
        strategy: 'prm-bas',
        tree,
        solution: ['Read the chart.', 'B is tallest. Answer: B'],
        answer: 'B',
        beamWidths: [8, 6, 4],
        cost,
        generatedSteps: cost.generatedSteps,
        tokens: cost.tokens,
        latencyMs: 41,
      },
    });
    const found = await prisma.trace.findMany({ where: { deploymentId: deployment.id, generatedSteps: { lte: 20 } }, orderBy: { createdAt: 'desc' } });
    expect(found.map((t) => t.id)).toEqual([trace.id]);
    expect(found[0]).toMatchObject({ tree, cost, beamWidths: [8, 6, 4], correct: null, status: 'succeeded' });
    await expect(prisma.deployment.delete({ where: { id: deployment.id } })).rejects.toThrow(); // traces keep their deployment
  });
});

import { SimPolicy } from '@prmbas/policy';
import { parseSearchConfig, type Policy, type ProposeRequest } from '@prmbas/search';
import { generateSuite, isCorrect } from '@prmbas/tasks';
import { describe, expect, it } from 'vitest';
import { formatBenchTable } from './format-table';
import { runBenchmark } from './run-benchmark';

const questions = generateSuite({ size: 12, seed: 5 });
const greedy = { name: 'greedy', config: parseSearchConfig({ strategy: 'greedy' }) };
const sc = { name: 'sc', config: parseSearchConfig({ strategy: 'self-consistency', n: 4 }) };

describe('runBenchmark', () => {
  it('scores every question under every strategy and sums costs exactly', async () => {
    const progress: number[] = [];
    const rows = await runBenchmark({
      questions,
      strategies: [greedy, sc],
      policy: new SimPolicy({ capability: 0.6 }),
      seed: 1,
      onProgress: (p) => progress.push(p.done),
    });
    expect(rows.map((r) => r.name)).toEqual(['greedy', 'sc']);
    expect(progress.filter((d) => d === questions.length)).toHaveLength(2);
    for (const row of rows) {
      expect(row.total).toBe(questions.length);
      expect(row.outcomes.map((o) => o.questionId)).toEqual(questions.map((q) => q.id));
      const correct = row.outcomes.filter((o) => o.answer !== null && isCorrect(o.answer, o.gold, questions.find((q) => q.id === o.questionId)!));
      expect(row.correct).toBe(correct.length);
      expect(row.accuracy).toBeCloseTo(row.correct / row.total, 12);
      expect(row.policyCalls).toBe(row.outcomes.reduce((s, o) => s + o.cost.policyCalls, 0));
      expect(row.perQuestion.policyCalls).toBeCloseTo(row.policyCalls / row.total, 12);
      expect(row.prmScoredSteps).toBe(0);
    }
    // Self-consistency with 4 chains makes at least 4 calls per question; greedy one per step.
    expect(rows[1]!.policyCalls).toBeGreaterThanOrEqual(4 * questions.length);
    expect(rows[0]!.policyCalls).toBe(rows[0]!.generatedSteps);
    const table = formatBenchTable(rows);
    expect(table.split('\n')).toHaveLength(4);
    expect(table).toMatch(new RegExp(`^greedy\\s+${(100 * rows[0]!.accuracy).toFixed(1)}%`, 'm'));
  });

  it('is reproducible under the same seed and changes with another', async () => {
    const once = (seed: number) =>
      runBenchmark({ questions, strategies: [sc], policy: new SimPolicy({ capability: 0.5 }), seed }).then((rows) =>
        rows[0]!.outcomes.map((o) => o.answer),
      );
    expect(await once(3)).toEqual(await once(3));
    expect(await once(3)).not.toEqual(await once(4));
  });

  it('records a failing question as an error instead of aborting the run', async () => {
    const sim = new SimPolicy({ capability: 0.6 });
    const broken = questions[2]!.id;
    const policy: Policy = {
      name: 'flaky',
      propose: (request: ProposeRequest) =>
        request.problem.id === broken ? Promise.reject(new Error('server said 503')) : sim.propose(request),
    };
    const [row] = await runBenchmark({ questions, strategies: [greedy], policy, seed: 1 });
    expect(row!.errors).toBe(1);
    const failed = row!.outcomes.find((o) => o.questionId === broken)!;
    expect(failed).toMatchObject({ correct: false, answer: null, error: 'server said 503' });
    expect(formatBenchTable([row!])).toMatch(/greedy \(1 errors\)/);
  });
});

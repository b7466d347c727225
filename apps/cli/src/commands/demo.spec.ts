import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { summarise, type QuestionOutcome } from '@prmbas/bench';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchRow, DEMO_DEFAULTS, DEMO_MARKER, formatDemoTable, prepareDemoFolder, resolveDemoFlags } from './demo';

function outcome(correct: boolean, policyCalls: number, scorerCalls: number, prmScoredSteps: number): QuestionOutcome {
  return {
    questionId: 'q',
    answer: correct ? '1' : '2',
    gold: '1',
    correct,
    cost: { policyCalls, generatedSteps: policyCalls, tokens: null, prmScoredSteps, prmBatches: 1, scorer: { policyCalls: scorerCalls, generatedSteps: 0, tokens: null }, wallMs: 1 },
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'prmbas-demo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('resolveDemoFlags', () => {
  it('fills the defaults sized for a few minutes on 2 cores', () => {
    expect(resolveDemoFlags({})).toMatchObject({
      out: 'demo-results',
      questions: DEMO_DEFAULTS.questions,
      heldOutQuestions: DEMO_DEFAULTS.heldOutQuestions,
      steps: DEMO_DEFAULTS.steps,
      fresh: DEMO_DEFAULTS.fresh,
      benchSize: DEMO_DEFAULTS.benchSize,
      backend: 'auto',
    });
  });
  it('reads string flags and names the flag in errors', () => {
    expect(resolveDemoFlags({ steps: '30', fresh: '0', benchSize: '5' })).toMatchObject({ steps: 30, fresh: 0, benchSize: 5 });
    expect(() => resolveDemoFlags({ steps: 'many' })).toThrow('--steps: must be an integer, got many');
    expect(() => resolveDemoFlags({ questions: '0' })).toThrow('--questions: must be >= 1, got 0');
    expect(() => resolveDemoFlags({ heldOutQuestions: '2.5' })).toThrow(/--held-out-questions/);
    expect(() => resolveDemoFlags({ fresh: '-1' })).toThrow('--fresh: must be >= 0, got -1');
    expect(() => resolveDemoFlags({ backend: 'gpu' })).toThrow(/--backend: "gpu"/);
  });
});

describe('prepareDemoFolder', () => {
  it('creates a missing folder and marks it', async () => {
    const out = path.join(dir, 'new', 'demo');
    await prepareDemoFolder(out);
    expect(await readdir(out)).toEqual([DEMO_MARKER]);
  });
  it('clears a folder a previous demo wrote', async () => {
    const out = path.join(dir, 'again');
    await prepareDemoFolder(out);
    await mkdir(path.join(out, 'model'));
    await writeFile(path.join(out, 'demo.json'), '{}');
    await prepareDemoFolder(out);
    expect(await readdir(out)).toEqual([DEMO_MARKER]);
  });
  it('resumes an interrupted demo with the same settings, and clears one with other settings', async () => {
    const out = path.join(dir, 'interrupted');
    expect(await prepareDemoFolder(out, '{"steps":3000}')).toBe('fresh');
    await mkdir(path.join(out, 'model'));
    expect(await prepareDemoFolder(out, '{"steps":3000}')).toBe('resumed');
    expect((await readdir(out)).sort()).toEqual([DEMO_MARKER, 'model']);
    expect(await prepareDemoFolder(out, '{"steps":4000}')).toBe('fresh');
    expect(await readdir(out)).toEqual([DEMO_MARKER]);
  });
  it('refuses a non-empty folder it did not write, and touches nothing in it', async () => {
    const out = path.join(dir, 'precious');
    await mkdir(out);
    await writeFile(path.join(out, 'thesis.tex'), 'x');
    await expect(prepareDemoFolder(out)).rejects.toThrow(/--out: .* is not empty and was not written by prmbas demo/);
    expect(await readdir(out)).toEqual(['thesis.tex']);
  });
});

describe('the demo table', () => {
  // 2 questions each: mc uses 10 search calls + 100 rollout calls per question, the trained PRM 10.
  const greedy = summarise('greedy', 'greedy', [outcome(true, 4, 0, 0), outcome(false, 4, 0, 0)], 10);
  const mc = summarise('prm-bas', 'prm-bas', [outcome(true, 10, 100, 40), outcome(true, 10, 100, 40)], 10);
  const learned = summarise('prm-bas', 'prm-bas', [outcome(true, 10, 0, 40), outcome(false, 10, 0, 40)], 10);

  it('counts Monte-Carlo rollouts as policy calls', () => {
    expect(benchRow('mc', mc)).toMatchObject({ policyCallsPerQuestion: 110, searchPolicyCallsPerQuestion: 10, mcRolloutCallsPerQuestion: 100, prmScoredStepsPerQuestion: 40, accuracy: 1 });
    expect(benchRow('learned', learned)).toMatchObject({ policyCallsPerQuestion: 10, mcRolloutCallsPerQuestion: 0, accuracy: 0.5 });
  });

  it('shows the PRM metrics, the search rows and the policy-call ratio, and says the policy is simulated', () => {
    const table = formatDemoTable({
      policy: 'sim:capability=0.6',
      sizes: { trainQuestions: 10, heldOutQuestions: 5, steps: 20, fresh: 0, benchQuestions: 2 },
      seeds: { train: 101, heldOut: 9001, bench: 7 },
      prm: { auroc: 0.8123, pairAccuracy: 0.75, ece: 0.05, valueLoss: 0.5, rankLoss: 0.4, steps: 100, pairs: 20, byKind: {}, scoredStepsPerSecond: 1000 },
      bench: [benchRow('greedy', greedy), benchRow('PRM-BAS, mc scorer', mc), benchRow('PRM-BAS, trained PRM', learned)],
      policyCallRatio: 11,
    });
    expect(table).toMatch(/policy is SIMULATED \(sim:capability=0\.6/);
    expect(table).toMatch(/step AUROC \(v > 0\)\s+0\.812/);
    expect(table).toMatch(/sibling pair accuracy\s+0\.750/);
    expect(table).toMatch(/ECE \(soft values\)\s+0\.050/);
    expect(table).toMatch(/greedy\s+50\.0%\s+\S+\s+4\.0\s+0\.0\s+0\.0/);
    expect(table).toMatch(/PRM-BAS, mc scorer\s+100\.0%\s+\S+\s+110\s+100\s+40\.0/);
    expect(table).toMatch(/PRM-BAS, trained PRM\s+50\.0%\s+\S+\s+10\.0\s+0\.0\s+40\.0/);
    expect(table.trimEnd().split('\n').at(-1)).toMatch(/policy calls, PRM-BAS mc \/ trained PRM\s+11\.0x$/);
  });

  it('prints a dash for metrics that could not be computed', () => {
    const table = formatDemoTable({
      policy: 'sim',
      sizes: { trainQuestions: 1, heldOutQuestions: 1, steps: 1, fresh: 0, benchQuestions: 1 },
      seeds: { train: 1, heldOut: 2, bench: 3 },
      prm: { auroc: null, pairAccuracy: null, ece: null, valueLoss: null, rankLoss: null, steps: 3, pairs: 0, byKind: {}, scoredStepsPerSecond: 0 },
      bench: [],
      policyCallRatio: null,
    });
    expect(table).toMatch(/step AUROC \(v > 0\)\s+-/);
    expect(table).toMatch(/trained PRM\s+-$/m);
  });
});

import type { Policy } from '@prmbas/search';
import type { Question } from '@prmbas/tasks';
import { describe, expect, it } from 'vitest';
import type { DatasetBuildConfig } from './build-config';
import { buildDataset, type BuildProgress } from './build-dataset';
import type { DatasetStep, SolutionRecord, ValuedStep } from './dataset-record';
import { datasetDigest } from './dataset-digest';
import { MemoryDatasetStore } from './dataset-store';
import { parseSolutionRecord } from './record-validation';
import { checkAnswer, simPolicy, synthQuestions } from './testing/sim-fixture';

const base: Partial<DatasetBuildConfig> = { solutions: 2, rollouts: 6, siblings: 3, seed: 3, concurrency: 3 };

async function build(questions: readonly Question[], config: Partial<DatasetBuildConfig> = {}, store = new MemoryDatasetStore(), policy: Policy = simPolicy()) {
  const report = await buildDataset({ questions, policy, isCorrect: checkAnswer, store, config: { ...base, ...config } });
  return { report, store, records: store.records };
}

const byId = (records: readonly SolutionRecord[]) => records.slice().sort((a, b) => a.id.localeCompare(b.id));
const allValued = (r: SolutionRecord): ValuedStep[] => r.steps.flatMap((s) => [s, ...(s.siblings ?? [])]);

describe('buildDataset', () => {
  const questions = synthQuestions(12, 9);

  it('writes S valid records per question, with values as in the record format', async () => {
    const { records, store, report } = await build(questions);
    expect(records.map((r) => r.id).sort()).toEqual(questions.flatMap((q) => [`${q.id}#0`, `${q.id}#1`]).sort());
    records.forEach((r, i) => parseSolutionRecord(JSON.parse(JSON.stringify(r)), `record ${i}`));
    for (const r of records) {
      const q = questions.find((x) => x.id === r.questionId) as Question;
      expect(r).toMatchObject({ question: q.text, answer: q.answer, answerType: q.answerType, image: `images/${q.id}.png` });
      const last = r.steps[r.steps.length - 1] as DatasetStep;
      expect(last.terminal).toBe(true);
      expect(r.finalAnswer).toBe(last.answer);
      expect(r.correct).toBe(checkAnswer(last.answer as string, q));
      expect(last).toMatchObject({ value: r.correct ? 1 : 0, rollouts: 0, correct: r.correct ? 1 : 0 });
      for (const s of allValued(r)) {
        if (s.terminal) expect(s.rollouts).toBe(0);
        else expect(s).toMatchObject({ rollouts: 6, value: s.correct / 6 });
      }
    }
    expect(store.finished).toMatchObject({ total: 24, skipped: 0, stats: { records: 24 } });
    expect(report.stats.records).toBe(24);
  });

  it('accounts for every rollout it needed: run, or saved by the state cache or by path reuse', async () => {
    const { report, records } = await build(questions);
    const s = report.stats;
    const needed = records.flatMap(allValued).filter((x) => !x.terminal).length * 6;
    expect(s.needed).toBe(needed);
    expect(s.run + s.savedByStateCache + s.savedByPathReuse).toBe(needed);
    expect(s.rolloutsSaved).toBe(needed - s.run);
    expect(s.savedByPathReuse).toBeGreaterThan(0);
    expect(s.savedByStateCache).toBeGreaterThan(0);
    expect(s.generatedSteps).toBeLessThan(s.naiveSteps);
    expect(s.policyCalls).toBeGreaterThan(0);
  });

  it('values a state shared by two solutions once (greedy solutions are identical: the second costs one call)', async () => {
    const greedy = { temperature: 0, siblings: 0 };
    const one = await build(questions, { ...greedy, solutions: 1 });
    const two = await build(questions, { ...greedy, solutions: 2 });
    // Only its first step is new (the question itself is never valued); the rest of the second
    // solution is stream 1 of states that valuing the first one already rolled out.
    expect(two.report.stats.policyCalls).toBe(one.report.stats.policyCalls + questions.length);
    const second = two.records.filter((r) => r.id.endsWith('#1'));
    for (const r of second) {
      const first = two.records.find((x) => x.id === `${r.questionId}#0`) as SolutionRecord;
      expect(r.steps).toEqual(first.steps);
    }
    // Every rollout of every second solution came from the state cache.
    expect(two.report.stats.savedByStateCache).toBe(two.report.stats.needed / 2);
  });

  it('gives the same record for (question, solution index) whatever else is built, and whatever the concurrency', async () => {
    const full = await build(questions.slice(0, 5), { solutions: 3 });
    const partialStore = new MemoryDatasetStore(full.records.filter((r) => !r.id.endsWith('#1')));
    const partial = await build(questions.slice(0, 5), { solutions: 3 }, partialStore);
    expect(partial.report.skipped).toBe(10);
    expect(byId(partial.records)).toEqual(byId(full.records));
    const serial = await build(questions.slice(0, 5), { solutions: 3, concurrency: 1 });
    expect(datasetDigest(serial.records)).toBe(datasetDigest(full.records));
    const otherSeed = await build(questions.slice(0, 5), { solutions: 3, seed: 4 });
    expect(datasetDigest(otherSeed.records)).not.toBe(datasetDigest(full.records));
  });

  it('samples siblings where asked: every state, none, the first error, or a fraction of states', async () => {
    const all = (await build(questions, { siblingStates: 'all' })).records;
    for (const r of all) {
      for (const step of r.steps) {
        const texts = [step.text, ...(step.siblings ?? []).map((s) => s.text)];
        expect(step.siblings).toBeDefined();
        expect(new Set(texts).size).toBe(texts.length);
      }
    }
    expect(all.some((r) => r.steps.some((s) => (s.siblings?.length ?? 0) > 0))).toBe(true);

    const none = (await build(questions, { siblingStates: 'none' })).records;
    expect(none.every((r) => r.steps.every((s) => s.siblings === undefined))).toBe(true);

    const firstError = (await build(questions, { siblingStates: 'first-error' })).records;
    for (const r of firstError) {
      const sampled = r.steps.flatMap((s, i) => (s.siblings ? [i] : []));
      const error = r.steps.findIndex((s) => s.value <= 0);
      expect(sampled).toEqual(error < 0 ? [] : [error]);
    }
    expect(firstError.some((r) => r.steps.some((s) => s.siblings))).toBe(true);

    const repeated = (await build(questions, { siblingStates: 'all', distinctSiblings: false })).records;
    expect(repeated.every((r) => r.steps.every((s) => s.siblings?.length === 3))).toBe(true);
  });

  it('picks a seeded fraction of states, the same choice for a state whichever solution reaches it', async () => {
    const { records } = await build(synthQuestions(40, 2), { siblingStates: 0.5, solutions: 3 });
    const choice = new Map<string, boolean>();
    let picked = 0;
    let states = 0;
    for (const r of records) {
      r.steps.forEach((step, i) => {
        const key = `${r.questionId}|${JSON.stringify(r.steps.slice(0, i).map((s) => s.text))}`;
        const has = step.siblings !== undefined;
        if (choice.has(key)) expect(has).toBe(choice.get(key));
        else {
          choice.set(key, has);
          states++;
          if (has) picked++;
        }
      });
    }
    expect(picked / states).toBeGreaterThan(0.35);
    expect(picked / states).toBeLessThan(0.65);
  });

  it('stops at maxSteps, asking the policy to finalize the last step', async () => {
    const { records } = await build(questions, { maxSteps: 2 });
    expect(records.every((r) => r.steps.length <= 2 && (r.steps[r.steps.length - 1] as DatasetStep).terminal)).toBe(true);
  });

  it('reports progress up to done = total, and stops on abort; the same store then completes the build', async () => {
    const controller = new AbortController();
    const events: BuildProgress[] = [];
    const store = new MemoryDatasetStore();
    const run = buildDataset({
      questions, policy: simPolicy(1), isCorrect: checkAnswer, store, config: base, signal: controller.signal,
      onProgress: (p) => {
        events.push(p);
        if (p.done === 5) controller.abort(new Error('stop now'));
      },
    });
    await expect(run).rejects.toThrow('stop now');
    expect(store.finished).toBeNull();
    expect(store.records.length).toBeGreaterThanOrEqual(5);
    expect(store.records.length).toBeLessThan(24);

    const resumed: BuildProgress[] = [];
    const report = await buildDataset({ questions, policy: simPolicy(), isCorrect: checkAnswer, store, config: base, onProgress: (p) => resumed.push(p) });
    expect(report.skipped).toBe(resumed[0]?.skipped);
    expect(resumed.at(-1)).toMatchObject({ done: 24, total: 24 });
    expect(resumed.map((p) => p.done)).toEqual([...resumed.map((p) => p.done)].sort((a, b) => a - b));
    expect(byId(store.records)).toEqual(byId((await build(questions)).records));
  });

  it('fails the build when the policy fails, without finishing the store', async () => {
    let calls = 0;
    const inner = simPolicy();
    const flaky: Policy = {
      name: 'flaky',
      propose: async (r) => {
        if (++calls === 300) throw new Error('server down');
        return inner.propose(r);
      },
    };
    const store = new MemoryDatasetStore();
    await expect(build(questions, {}, store, flaky)).rejects.toThrow('server down');
    expect(store.finished).toBeNull();
  });

  it('refuses repeated question ids (they are the resume key)', async () => {
    const q = questions[0] as Question;
    await expect(build([q, q])).rejects.toThrow(/appears twice/);
  });
});

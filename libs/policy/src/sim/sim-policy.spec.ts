import type { Problem, ProposeRequest } from '@prmbas/search';
import { describe, expect, it } from 'vitest';
import {
  type Question,
  type Step,
  generateSuite,
  isCorrect,
  nextCorrectStep,
  parseStep,
  referenceSolution,
  renderStep,
  synthPayloadOf,
  toProblem,
} from '@prmbas/tasks';
import { SimPolicy } from './sim-policy';
import { rollout } from './sim-calibration';

const suite = generateSuite({ size: 80, seed: 3 });
const policy = new SimPolicy();

function request(q: Question, steps: string[], extra: Partial<ProposeRequest> = {}): ProposeRequest {
  return { problem: toProblem(q), steps, n: 4, temperature: 0.8, seed: 99, ...extra };
}

describe('SimPolicy', () => {
  it('writes parseable template steps and a canonical final answer', async () => {
    for (const q of suite.slice(0, 30)) {
      const s = rollout(policy, toProblem(q), [], 0.8, 7);
      for (const text of s.steps) expect(parseStep(text)).not.toBeNull();
      const last = parseStep(s.steps[s.steps.length - 1]!)!;
      expect(last.kind).toBe('answer');
      expect(s.answer).toBe(last.kind === 'answer' ? last.answer : null);
      expect(s.steps).toHaveLength(q.meta.plannedSteps!);
      if (q.answerType === 'choice') expect(s.answer).toMatch(/^[A-D]$/);
      else expect(Number.isInteger(Number(s.answer))).toBe(true);
    }
    const [p] = await policy.propose(request(suite[0]!, [], { n: 1 }));
    expect(p!.terminal).toBe(false);
    expect(p!.tokens).toBeGreaterThan(0);
  });

  it('continues an injected misread consistently, ending in the answer that value implies', () => {
    let checked = 0;
    for (const q of suite) {
      const payload = synthPayloadOf(q)!;
      const first = nextCorrectStep(payload, []);
      if (first.kind !== 'count' && first.kind !== 'read') continue;
      const misread: Step = { ...first, value: first.value + 2 };
      // What a careful reasoner would conclude from the misread on: every later step right.
      const implied: Step[] = [misread];
      while (implied.length < payload.program.length) implied.push(nextCorrectStep(payload, implied));
      const impliedAnswer = implied[implied.length - 1]!;
      const greedy = new SimPolicy({ capability: 1 });
      const s = rollout(greedy, toProblem(q), [renderStep(misread)], 0, 1);
      expect(s.steps.map((t) => parseStep(t))).toEqual(implied);
      expect(s.answer).toBe(impliedAnswer.kind === 'answer' ? impliedAnswer.answer : null);
      if (!isCorrect(s.answer, q.answer, q)) checked++;
    }
    // A misread by two almost always changes the answer.
    expect(checked).toBeGreaterThan(suite.length * 0.6);
  });

  it('is deterministic under the seed, independent of call order and n', async () => {
    const q = suite[5]!;
    const a = await policy.propose(request(q, [], { n: 8, seed: 1234 }));
    const b = await policy.propose(request(q, [], { n: 8, seed: 1234 }));
    expect(b).toEqual(a);
    const firstThree = await policy.propose(request(q, [], { n: 3, seed: 1234 }));
    expect(firstThree).toEqual(a.slice(0, 3));
    const [x, y] = await Promise.all([policy.propose(request(q, [], { seed: 1 })), policy.propose(request(q, [], { seed: 2 }))]);
    const [y2, x2] = await Promise.all([policy.propose(request(q, [], { seed: 2 })), policy.propose(request(q, [], { seed: 1 }))]);
    expect([x2, y2]).toEqual([x, y]);
    // Different seeds give different samples somewhere in the suite.
    const differ = suite.some((s) => JSON.stringify(policy.proposeNow(request(s, [], { n: 8, seed: 1 }))) !== JSON.stringify(policy.proposeNow(request(s, [], { n: 8, seed: 2 }))));
    expect(differ).toBe(true);
  });

  it('gives n identical candidates at temperature 0, and samples variety above it', () => {
    let varied = 0;
    for (const q of suite) {
      const greedy = policy.proposeNow(request(q, [], { n: 6, temperature: 0, seed: 5 }));
      expect(new Set(greedy.map((p) => p.text)).size).toBe(1);
      expect(policy.proposeNow(request(q, [], { n: 6, temperature: 0, seed: 77 }))).toEqual(greedy);
      if (new Set(policy.proposeNow(request(q, [], { n: 16, temperature: 1, seed: 5 })).map((p) => p.text)).size > 1) varied++;
    }
    expect(varied).toBeGreaterThan(suite.length / 3);
  });

  it('reaches the error-free solution by sampling where greedy fails', () => {
    const failing = suite.filter((q) => !isCorrect(rollout(policy, toProblem(q), [], 0, 0).answer, q.answer, q));
    expect(failing.length).toBeGreaterThan(suite.length * 0.2);
    let found = 0;
    for (const q of failing) {
      const reference = referenceSolution(q).map(renderStep);
      for (let k = 0; k < 32; k++) {
        const s = rollout(policy, toProblem(q), [], 1, 1000 + k);
        if (JSON.stringify(s.steps) === JSON.stringify(reference)) {
          found++;
          break;
        }
      }
    }
    expect(found / failing.length).toBeGreaterThan(0.8);
  });

  it('answers now when asked to finalize, from the values stated so far', () => {
    const q = suite.find((x) => x.answerType === 'number' && x.meta.plannedSteps! >= 6)!;
    const steps = referenceSolution(q).map(renderStep);
    const [p] = policy.proposeNow(request(q, steps.slice(0, 4), { n: 1, finalize: true }));
    expect(p!.terminal).toBe(true);
    const fourth = parseStep(steps[3]!)!;
    const stated = fourth.kind === 'count' || fourth.kind === 'read' ? fourth.value : 'result' in fourth ? fourth.result : NaN;
    expect(p!.answer).toBe(String(stated));
    expect(p!.text).toBe(`The answer is ${stated}.`);
  });

  it('explains what it cannot do', async () => {
    const foreign: Problem = { id: 'mathvista-7', text: 'What?', images: [{ mime: 'image/png', data: new Uint8Array([137, 80, 78, 71]) }], answerType: 'number' };
    await expect(policy.propose({ problem: foreign, steps: [], n: 1, temperature: 0, seed: 1 })).rejects.toThrow(
      /question mathvista-7: the simulated policy can only read images of the built-in synth suite/,
    );
    const q = suite[0]!;
    expect(() => policy.proposeNow(request(q, ['Let me look at the picture.']))).toThrow(/cannot parse step 1 of the state: "Let me look at the picture\."/);
    expect(() => policy.proposeNow(request(q, ['The answer is 3.']))).toThrow(/step 1 .* does not fit the question's plan/);
    const full = referenceSolution(q).map(renderStep);
    expect(() => policy.proposeNow(request(q, full))).toThrow(/already ends with the final answer/);
    expect(() => new SimPolicy({ capability: 2 })).toThrow(/capability must be in \[0, 1\]/);
    expect(new SimPolicy({ capability: undefined, latencyMs: undefined }).config).toEqual(new SimPolicy().config);
  });

  it('waits latencyMs per call without serialising concurrent calls, and honours abort', async () => {
    const slow = new SimPolicy({ latencyMs: 40 });
    const q = suite[1]!;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 8 }, (_, i) => slow.propose(request(q, [], { seed: i }))));
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(38);
    expect(elapsed).toBeLessThan(40 * 8);
    const controller = new AbortController();
    const pending = slow.propose(request(q, [], { signal: controller.signal }));
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });

  it('proposes in well under a millisecond', () => {
    const q = suite[2]!;
    const steps = referenceSolution(q).map(renderStep).slice(0, 2);
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) policy.proposeNow(request(q, steps, { n: 4, seed: i }));
    expect((performance.now() - t0) / 2000).toBeLessThan(1);
  });
});

import { describe, expect, it } from 'vitest';
import { generateSuite } from './synth-suite';
import { synthPayloadOf } from './synth-payload';
import { type Step, isArithmetic } from './step-grammar';
import { earlyAnswer, nextCorrectStep, perceive, solvePayload, statedValue } from './synth-program';

describe('synth program', () => {
  const suite = generateSuite({ size: 200, seed: 4 });

  it('continues a prefix with the values it states, so a misperception carries to the answer', () => {
    let numeric = 0;
    let changed = 0;
    for (const q of suite) {
      const payload = synthPayloadOf(q)!;
      const first = nextCorrectStep(payload, []);
      if (first.kind !== 'count' && first.kind !== 'read') throw new Error('programs start with a perception');
      const misread: Step = { ...first, value: first.value + 1 };
      const steps: Step[] = [misread];
      while (steps.length < payload.program.length) steps.push(nextCorrectStep(payload, steps));
      // Every operation that uses step 0 uses the value the prefix stated, not the truth.
      payload.program.forEach((p, i) => {
        if (p.kind !== 'add' && p.kind !== 'subtract' && p.kind !== 'multiply') return;
        const s = steps[i]!;
        if (!isArithmetic(s)) throw new Error(`step ${i} should be arithmetic`);
        if ('ref' in p.left && p.left.ref === 0) expect(s.a).toBe(misread.value);
        if ('ref' in p.right && p.right.ref === 0) expect(s.b).toBe(misread.value);
      });
      if (q.answerType !== 'number') continue;
      numeric++;
      const truth = solvePayload(payload);
      if (statedValue(steps[steps.length - 1]!) !== statedValue(truth[truth.length - 1]!)) changed++;
    }
    expect(numeric).toBeGreaterThan(100);
    expect(changed / numeric).toBeGreaterThan(0.85);
  });

  it('perceives the scene truth', () => {
    for (const q of suite.slice(0, 50)) {
      const payload = synthPayloadOf(q)!;
      const truth = solvePayload(payload);
      payload.program.forEach((p, i) => {
        if (p.kind === 'count' || p.kind === 'read') expect(statedValue(truth[i]!)).toBe(perceive(payload.scene, p));
      });
    }
  });

  it('answers early from the latest stated value', () => {
    const q = suite.find((x) => x.answerType === 'number' && x.meta.plannedSteps! >= 5)!;
    const payload = synthPayloadOf(q)!;
    const truth = solvePayload(payload);
    expect(earlyAnswer(payload, truth.slice(0, 3))).toEqual({ kind: 'answer', answer: String(statedValue(truth[2]!)), isChoice: false });
    expect(earlyAnswer(payload, [])).toEqual({ kind: 'answer', answer: '0', isChoice: false });
    expect(() => nextCorrectStep(payload, truth)).toThrow(/already complete/);
  });
});

import { describe, expect, it } from 'vitest';
import { type Step, generateSuite, nextCorrectStep, renderStep, solvePayload, synthPayloadOf } from '@prmbas/tasks';
import { argmax } from './categorical';
import { resolveSimPolicyConfig } from './sim-policy-config';
import { comparisonFlip, stepDistribution } from './step-outcomes';

describe('step outcome distribution', () => {
  const suite = generateSuite({ size: 150, seed: 21 });
  const config = resolveSimPolicyConfig();
  // Every prefix of every reference solution (all but the final answer position).
  const states = suite.flatMap((q) => {
    const payload = synthPayloadOf(q)!;
    const truth = solvePayload(payload);
    return truth.slice(0, -1).map((_, t) => ({ q, payload, stated: truth.slice(0, t) }));
  });

  it('is a probability distribution with the correct step first and distinct texts', () => {
    for (const { payload, stated } of states) {
      const { outcomes } = stepDistribution(payload, stated, config);
      expect(outcomes.reduce((s, o) => s + o.mass, 0)).toBeCloseTo(1, 9);
      expect(outcomes[0]!.error).toBeNull();
      expect(outcomes[0]!.text).toBe(renderStep(nextCorrectStep(payload, stated)));
      expect(new Set(outcomes.map((o) => o.text)).size).toBe(outcomes.length);
      for (const o of outcomes.slice(1)) expect(o.error).not.toBeNull();
    }
  });

  it('makes every error kind somewhere and none at capability 1', () => {
    const kinds = new Set(states.flatMap(({ payload, stated }) => stepDistribution(payload, stated, config).outcomes.map((o) => o.error)));
    expect(kinds).toEqual(new Set([null, 'perception', 'entity', 'arithmetic', 'operation', 'compare']));
    const perfect = resolveSimPolicyConfig({ capability: 1 });
    for (const { payload, stated } of states.slice(0, 200)) {
      const { outcomes, systematic } = stepDistribution(payload, stated, perfect);
      expect(systematic).toBe(false);
      expect(outcomes[0]!.mass).toBeCloseTo(1, 12);
    }
  });

  it('has a wrong mode on about systematicShare x (1 - capability) of the steps that can err', () => {
    const erring = states.map(({ payload, stated }) => stepDistribution(payload, stated, config)).filter((d) => d.outcomes.length > 1);
    const systematic = erring.filter((d) => d.systematic);
    const expected = config.systematicShare * (1 - config.capability);
    expect(Math.abs(systematic.length / erring.length - expected)).toBeLessThan(0.06);
    for (const d of systematic) expect(argmax(d.outcomes.map((o) => o.mass))).not.toBe(0);
    for (const d of erring.filter((x) => !x.systematic)) expect(argmax(d.outcomes.map((o) => o.mass))).toBe(0);
  });

  it('only makes misperceptions that change the winner of a comparison question', () => {
    let checked = 0;
    for (const { payload, stated } of states) {
      const index = stated.length;
      const flips = comparisonFlip(payload, index);
      if (!flips) continue;
      const final = payload.program[payload.program.length - 1]!;
      const truth = solvePayload(payload);
      for (const o of stepDistribution(payload, stated, config).outcomes.slice(1)) {
        // Continue correctly after the erroneous step: the final answer must differ from the truth.
        const steps: Step[] = [...stated, o.step];
        while (steps.length < payload.program.length) steps.push(nextCorrectStep(payload, steps));
        expect(final.kind).toBe('answer');
        expect(renderStep(steps[steps.length - 1]!)).not.toBe(renderStep(truth[truth.length - 1]!));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});

import { describe, expect, it } from 'vitest';
import { generateSuite } from '@prmbas/tasks';
import { auroc, calibrateSimPolicy } from './sim-calibration';
import { SimPolicy } from './sim-policy';

describe('calibration of the simulated policy (200 questions, seed 1, default mix and capability)', () => {
  it('meets the targets the benchmark relies on', () => {
    const suite = generateSuite({ size: 200, seed: 1 });
    const report = calibrateSimPolicy(new SimPolicy(), suite, { temperature: 0.8, samples: 8 });
    console.log(`sim calibration: ${JSON.stringify(report)}`);
    // Greedy fails on a realistic share (systematic errors).
    expect(report.greedyAccuracy).toBeGreaterThanOrEqual(0.35);
    expect(report.greedyAccuracy).toBeLessThanOrEqual(0.55);
    // One sample is no better than greedy (a little worse or similar) ...
    expect(report.sampleAccuracy).toBeLessThanOrEqual(report.greedyAccuracy + 0.03);
    expect(report.sampleAccuracy).toBeGreaterThanOrEqual(report.greedyAccuracy - 0.15);
    // ... but some of 8 samples is right far more often: there is something for a search to find.
    expect(report.passAtK).toBeGreaterThanOrEqual(0.75);
    expect(report.passAtK - report.greedyAccuracy).toBeGreaterThanOrEqual(0.25);
    // Errors carry through: an erroneous solution almost always ends wrong, a clean one right.
    expect(report.wrongGivenError).toBeGreaterThanOrEqual(0.88);
    expect(report.rightGivenClean).toBe(1);
    // Monte-Carlo values separate good steps from bad ones.
    expect(report.mc.meanGood - report.mc.meanBad).toBeGreaterThan(0.4);
    expect(report.mc.auroc).toBeGreaterThan(0.85);
  });

  it('improves with capability', () => {
    const suite = generateSuite({ size: 100, seed: 2 });
    const opts = { samples: 2, mcQuestions: 0 };
    const low = calibrateSimPolicy(new SimPolicy({ capability: 0.3 }), suite, opts);
    const high = calibrateSimPolicy(new SimPolicy({ capability: 0.9 }), suite, opts);
    const perfect = calibrateSimPolicy(new SimPolicy({ capability: 1 }), suite, opts);
    expect(high.greedyAccuracy).toBeGreaterThan(low.greedyAccuracy + 0.2);
    expect(perfect.greedyAccuracy).toBe(1);
    expect(perfect.sampleAccuracy).toBe(1);
  });

  it('computes AUROC', () => {
    expect(auroc([0.9, 0.8], [0.1, 0.2])).toBe(1);
    expect(auroc([0.1], [0.9])).toBe(0);
    expect(auroc([0.5], [0.5])).toBe(0.5);
  });
});

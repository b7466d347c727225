import { describe, expect, it } from 'vitest';
import { buildRankPairs } from '../losses/rank-pairs';
import { auroc, stepAuroc } from './auroc';
import { expectedCalibrationError } from './calibration';
import { evaluatePredictions } from './evaluate';
import { meanRankLoss, meanValueLoss, sigmoid, softplus } from './host-losses';
import { pairAccuracy } from './pair-accuracy';

describe('auroc', () => {
  // scores [0.9, 0.8, 0.8, 0.3, 0.1], positives at 0, 2, 4.
  // Ascending: 0.1(+) rank 1, 0.3(-) rank 2, 0.8(-) and 0.8(+) share ranks 3, 4 -> midrank 3.5, 0.9(+) rank 5.
  // R_pos = 1 + 3.5 + 5 = 9.5; U = 9.5 - 3*4/2 = 3.5; AUROC = 3.5 / (3 * 2) = 0.583333.
  // Pair check: 0.9 beats both negatives (2), 0.8 ties one and beats one (1.5), 0.1 beats none: 3.5/6.
  const scores = [0.9, 0.8, 0.8, 0.3, 0.1];

  it('matches the hand computation with a tie', () => {
    expect(auroc(scores, [true, false, true, false, true])).toBeCloseTo(3.5 / 6, 12);
  });

  it('uses v > 0 as the hard label', () => {
    expect(stepAuroc(scores, [1, 0, 0.25, 0, 0.5])).toBeCloseTo(3.5 / 6, 12);
    // threshold 0.3: positives are 0 and 4 only -> pairs vs {0.8, 0.8, 0.3}: 0.9 -> 3, 0.1 -> 0 = 3/6
    expect(stepAuroc(scores, [1, 0, 0.25, 0, 0.5], 0.3)).toBeCloseTo(0.5, 12);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 when all scores tie, null with one class', () => {
    expect(auroc([3, 2, 1], [true, true, false])).toBe(1);
    expect(auroc([1, 2, 3], [true, true, false])).toBe(0);
    expect(auroc([7, 7, 7, 7], [true, false, true, false])).toBe(0.5);
    expect(auroc([1, 2], [true, true])).toBeNull();
    expect(() => auroc([1, Number.NaN], [true, false])).toThrow(/NaN/);
  });
});

describe('pairAccuracy', () => {
  // States a = {0,1,2}, b = {3,4}; values [0.75, 0.25, 0.5, 0, 0.5] -> pairs (0,1), (0,2), (2,1) | (4,3).
  // Scores [0, 0, 1, 2, 0.5]: (0,1) tie 0.5, (0,2) wrong 0, (2,1) right 1 | (4,3) wrong 0.
  // Per state: a = 1.5/3 = 0.5, b = 0 -> 0.25. Per pair: 1.5 / 4 = 0.375.
  const pairs = buildRankPairs(['a', 'a', 'a', 'b', 'b'], [0.75, 0.25, 0.5, 0, 0.5]);

  it('matches the hand computation, per state and per pair', () => {
    expect(pairAccuracy([0, 0, 1, 2, 0.5], pairs)).toBeCloseTo(0.25, 6);
    expect(pairAccuracy([0, 0, 1, 2, 0.5], pairs, 'per-pair')).toBeCloseTo(0.375, 12);
  });

  it('is null without pairs', () => {
    expect(pairAccuracy([1, 2], buildRankPairs([null, null], [0, 1]))).toBeNull();
  });
});

describe('expectedCalibrationError', () => {
  // probs [0.05, 0.15, 0.12, 0.95, 1.0, 0.55], values [0, 0.5, 0, 1, 0.5, 0.5], 10 bins.
  // bin0 {0.05}: |0.05 - 0| = 0.05; bin1 {0.15, 0.12}: |0.135 - 0.25| = 0.115;
  // bin5 {0.55}: |0.55 - 0.5| = 0.05; bin9 {0.95, 1.0 (p = 1 goes to the last bin)}: |0.975 - 0.75| = 0.225.
  // soft ECE = (1*0.05 + 2*0.115 + 1*0.05 + 2*0.225) / 6 = 0.78 / 6 = 0.13
  // hard (y = v > 0 = [0,1,0,1,1,1]): bin1 |0.135 - 0.5| = 0.365, bin5 |0.55 - 1| = 0.45, bin9 |0.975 - 1| = 0.025
  //   ECE = (0.05 + 2*0.365 + 0.45 + 2*0.025) / 6 = 1.28 / 6 = 0.213333
  const probs = [0.05, 0.15, 0.12, 0.95, 1.0, 0.55];
  const values = [0, 0.5, 0, 1, 0.5, 0.5];

  it('matches the hand computation against soft values and hard labels', () => {
    expect(expectedCalibrationError(probs, values)).toBeCloseTo(0.13, 12);
    expect(expectedCalibrationError(probs, values, { against: 'hard' })).toBeCloseTo(1.28 / 6, 12);
  });

  it('is 0 when each bin average matches, null when empty, rejects non-probabilities', () => {
    expect(expectedCalibrationError([0.25, 0.25, 0.75], [0, 0.5, 0.75])).toBeCloseTo(0, 12);
    expect(expectedCalibrationError([], [])).toBeNull();
    expect(() => expectedCalibrationError([1.5], [1])).toThrow(/outside/);
  });
});

describe('host losses and evaluatePredictions', () => {
  it('equal the hand computations of the tensor losses', () => {
    // see losses/losses.spec.ts for the derivations
    expect(meanValueLoss([0, 2, -1], [0.5, 1, 0.25])).toBeCloseTo(0.4611123, 6);
    expect(meanValueLoss([0, 2, -1], [0.5, 1, 0.25], 'mse')).toBeCloseTo(0.004856038, 8);
    const pairs = buildRankPairs(['a', 'a', 'a', 'b', 'b'], [0.75, 0.25, 0.5, 0, 0.5]);
    expect(meanRankLoss([2, 0, 1, -1, 0.5], pairs)).toBeCloseTo(0.2262819, 6);
    expect(softplus(800)).toBe(800);
    expect(sigmoid(-800)).toBe(0);
  });

  it('reports every metric of one evaluation set', () => {
    const logits = [2, 0, 1, -1, 0.5];
    const values = [0.75, 0.25, 0.5, 0, 0.5];
    const m = evaluatePredictions(logits, values, ['a', 'a', 'a', 'b', 'b']);
    expect(m.examples).toBe(5);
    expect(m.pairs).toBe(4);
    expect(m.rankLoss).toBeCloseTo(0.2262819, 6);
    expect(m.pairAccuracy).toBe(1);
    // positives (v > 0) at logits 2, 0, 1, 0.5; negative at -1: every positive ranks above it
    expect(m.auroc).toBe(1);
    expect(m.ece).toBeCloseTo(expectedCalibrationError(logits.map(sigmoid), values)!, 12);
    expect(m.valueLoss).toBeCloseTo(meanValueLoss(logits, values)!, 12);
  });
});

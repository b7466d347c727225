import { describe, expect, it } from 'vitest';
import { aggregate, chooseAnswer, majorityVote, pickBest, weightedVote, type AnswerCandidate } from './aggregate';

describe('aggregate', () => {
  const steps = [0.9, 0.5, 0.8];
  it('last / min / prod / mean by hand', () => {
    expect(aggregate(steps, 'last')).toBe(0.8);
    expect(aggregate(steps, 'min')).toBe(0.5);
    expect(aggregate(steps, 'prod')).toBeCloseTo(0.36);
    expect(aggregate(steps, 'mean')).toBeCloseTo(2.2 / 3);
  });
  it('rejects an unscored solution', () => {
    expect(() => aggregate([], 'last')).toThrow(/at least one/);
  });
});

const c = (node: number, answer: string, score: number, order = node): AnswerCandidate => ({ node, answer, score, order });

describe('answer choice', () => {
  const pool = [c(0, 'A', 0.9), c(1, 'B', 0.6), c(2, 'B', 0.5), c(3, 'C', 0.2), c(4, 'B', 0.1)];

  it('best: highest aggregated score', () => {
    expect(pickBest(pool)).toEqual({ answer: 'A', node: 0, score: 0.9 });
    expect(pickBest([])).toBeNull();
  });

  it('best: ties go to the lower order', () => {
    expect(pickBest([c(5, 'X', 0.7, 2), c(6, 'Y', 0.7, 1)])?.node).toBe(6);
  });

  it('weighted vote: sum of scores per answer, reported node = best voter', () => {
    // A .9, B .6 + .5 + .1 = 1.2, C .2
    const v = weightedVote(pool);
    expect(v?.answer).toBe('B');
    expect(v?.node).toBe(1);
    expect(v?.score).toBeCloseTo(1.2);
  });

  it('weighted vote: equal totals go to the answer with the better best voter', () => {
    // X: .5 + .5 = 1.0 (best .5), Y: .8 + .2 = 1.0 (best .8)
    expect(weightedVote([c(0, 'X', 0.5), c(1, 'X', 0.5), c(2, 'Y', 0.75), c(3, 'Y', 0.25)])?.answer).toBe('Y');
  });

  it('majority vote: most frequent answer, ties to the answer voted first', () => {
    expect(majorityVote(pool)).toEqual({ answer: 'B', node: 1, score: 3 });
    const tie = [c(10, 'Q', 0, 3), c(11, 'P', 0, 1), c(12, 'Q', 0, 0), c(13, 'P', 0, 2)];
    // Q's first voter has order 0, P's has order 1.
    expect(majorityVote(tie)).toEqual({ answer: 'Q', node: 12, score: 2 });
    expect(majorityVote([])).toBeNull();
  });

  it('chooseAnswer dispatches on the selection', () => {
    expect(chooseAnswer(pool, 'best')?.answer).toBe('A');
    expect(chooseAnswer(pool, 'weighted-vote')?.answer).toBe('B');
  });
});

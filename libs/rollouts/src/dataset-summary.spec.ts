import { describe, expect, it } from 'vitest';
import { summariseDataset } from './dataset-summary';
import { sampleRecords } from './testing/sample-records';

describe('summariseDataset', () => {
  it('counts what a hand count gives', () => {
    expect(summariseDataset(sampleRecords())).toEqual({
      solutions: 2,
      questions: 2,
      steps: 4,
      siblingSteps: 3,
      meanValue: (0.75 + 1 + 0.5 + 0) / 4,
      positiveStepShare: 0.75,
      correctShare: 0.5,
      // q2's first step sampled siblings but kept none: not a group.
      siblingGroups: 2,
      // {0.75, 0.25, 0.25}: 0.75 beats both; {0, 1}: 1 beats 0.
      pairs: 3,
    });
  });

  it('counts only pairs separated by more than the margin', () => {
    expect(summariseDataset(sampleRecords(), { eps: 0.5 }).pairs).toBe(1);
  });

  it('is all zeros for no records', () => {
    expect(summariseDataset([])).toMatchObject({ solutions: 0, steps: 0, meanValue: 0, correctShare: 0, pairs: 0 });
  });
});

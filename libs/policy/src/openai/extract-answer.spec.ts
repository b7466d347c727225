import type { Problem } from '@prmbas/search';
import { describe, expect, it } from 'vitest';
import { extractAnswerDefault } from './extract-answer';

const num: Problem = { id: 'n', text: '', images: [], answerType: 'number' };
const mc: Problem = { id: 'c', text: '', images: [], answerType: 'choice', choices: ['red', 'blue', 'green'] };

describe('extractAnswerDefault', () => {
  it.each([
    ['So the answer is 42.', '42'],
    ['The final answer is: 3.5.', '3.5'],
    ['The answer is 3.5', '3.5'],
    ['The answer is **7**.', '7'],
    ['The answer is $\\frac{1}{2}$.', '\\frac{1}{2}'],
    ['Thus \\boxed{18}.', '18'],
    ['The answer is 1. Wait, no: the answer is 2.', '2'],
    ['The answer is 4\nand more text', '4'],
  ])('%s → %s', (text, expected) => {
    expect(extractAnswerDefault(text, num)).toBe(expected);
  });

  it('is undefined when no answer is stated', () => {
    expect(extractAnswerDefault('Blue is taller than red.', num)).toBeUndefined();
    expect(extractAnswerDefault('The answer is .', num)).toBeUndefined();
  });

  it('returns the option letter for multiple choice', () => {
    expect(extractAnswerDefault('The answer is (B).', mc)).toBe('B');
    expect(extractAnswerDefault('The answer is c) green', mc)).toBe('C');
    expect(extractAnswerDefault('The answer is green.', mc)).toBe('C');
    expect(extractAnswerDefault('The answer is D.', mc)).toBe('D'); // not an option: left as written
  });
});

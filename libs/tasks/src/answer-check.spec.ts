import type { Problem } from '@prmbas/search';
import { describe, expect, it } from 'vitest';
import { extractAnswer, isCorrect, normaliseAnswer, normaliseText } from './answer-check';
import { findNumbers, parseNumber } from './answer-number';

type Format = Pick<Problem, 'answerType' | 'choices' | 'precision'>;
const num: Format = { answerType: 'number' };
const float2: Format = { answerType: 'number', precision: 2 };
const choice: Format = { answerType: 'choice', choices: ['red circles', 'blue squares', 'circles', '12'] };
const text: Format = { answerType: 'text' };

describe('parseNumber', () => {
  it.each([
    ['42', 42], ['-3', -3], ['\u22127', -7], ['1,234', 1234], ['1,234.5 m', 1234.5], ['$12', 12], ['45%', 45],
    ['3/4', 0.75], ['.5', 0.5], ['2e3', 2000], ['about 7 cm', 7], ['five', 5], ['Twelve apples', 12],
  ])('%s -> %d', (input, value) => {
    expect(parseNumber(input)).toBeCloseTo(value, 9);
  });

  it('returns null without a number and treats a minus between numbers as an operator', () => {
    expect(parseNumber('none')).toBeNull();
    expect(findNumbers('5 - 1 = 4')).toEqual([5, 1, 4]);
    expect(findNumbers('x-3')).toEqual([3]);
  });
});

describe('extractAnswer', () => {
  it('takes the last stated answer for numbers, else the last number', () => {
    expect(extractAnswer('Count the red circles: there are 3.\n\nAdd: 3 + 2 = 5.\n\nThe answer is 5.', num)).toBe('5');
    expect(extractAnswer('The answer is 4. Wait, recount. The answer is 6.', num)).toBe('6');
    expect(extractAnswer('Answer: 1,200 dollars', num)).toBe('1200');
    expect(extractAnswer('so we get \\boxed{3.50}', num)).toBe('3.5');
    expect(extractAnswer('3 + 4 gives 7 and then 9', num)).toBe('9');
    expect(extractAnswer('I cannot tell.', num)).toBeNull();
  });

  it('finds choice letters in their usual forms and option texts', () => {
    expect(extractAnswer('The answer is (B).', choice)).toBe('B');
    expect(extractAnswer('Answer: C', choice)).toBe('C');
    expect(extractAnswer('The answer is B. blue squares', choice)).toBe('B');
    expect(extractAnswer('the answer is b', choice)).toBe('B');
    expect(extractAnswer('The answer is blue squares.', choice)).toBe('B');
    expect(extractAnswer('The answer is 12.', choice)).toBe('D');
    expect(extractAnswer('After comparing, there are more red circles.\nSo (A) is right.', choice)).toBe('A');
    expect(extractAnswer('I pick option C', choice)).toBe('C');
    // "circles" is part of "red circles": the longer option wins.
    expect(extractAnswer('The answer is the red circles group', choice)).toBe('A');
    // Out-of-range letters and ambiguous mentions give nothing.
    expect(extractAnswer('The answer is (F).', choice)).toBeNull();
    expect(extractAnswer('Either red circles or blue squares', choice)).toBeNull();
  });

  it('normalises free text', () => {
    expect(extractAnswer('Thinking...\nFinal answer: The Red Bar!', text)).toBe('the red bar');
    expect(extractAnswer('just this line', text)).toBe('just this line');
  });
});

describe('normaliseAnswer and isCorrect', () => {
  it('normalises per answer type', () => {
    expect(normaliseAnswer(' 7 units ', num)).toBe('7');
    expect(normaliseAnswer('(c)', choice)).toBe('C');
    expect(normaliseAnswer('Blue  Squares.', choice)).toBe('B');
    expect(normaliseAnswer('purple', choice)).toBeNull();
    expect(normaliseText('  Hello,   World. 3.5 ')).toBe('hello world 3.5');
  });

  it('compares numbers with tolerance and precision', () => {
    expect(isCorrect('5', '5', num)).toBe(true);
    expect(isCorrect('5.0', '5', num)).toBe(true);
    expect(isCorrect('5 cm', '5', num)).toBe(true);
    expect(isCorrect('50%', '50', num)).toBe(true);
    expect(isCorrect('1,000', '1000', num)).toBe(true);
    expect(isCorrect('4', '5', num)).toBe(false);
    expect(isCorrect('5.0000001', '5', num)).toBe(true);
    expect(isCorrect('5.01', '5', num)).toBe(false);
    expect(isCorrect('3.14159', '3.14', float2)).toBe(true);
    expect(isCorrect('3.146', '3.14', float2)).toBe(false);
    expect(isCorrect('1.005', '1.01', float2)).toBe(true);
    expect(isCorrect(null, '5', num)).toBe(false);
    expect(isCorrect('five', '5', num)).toBe(true);
    expect(isCorrect('n/a', '5', num)).toBe(false);
  });

  it('compares choices by letter or option text on either side', () => {
    expect(isCorrect('B', 'B', choice)).toBe(true);
    expect(isCorrect('(B)', 'blue squares', choice)).toBe(true);
    expect(isCorrect('blue squares', 'B', choice)).toBe(true);
    expect(isCorrect('A', 'B', choice)).toBe(false);
    expect(isCorrect('circles', 'A', choice)).toBe(false);
  });

  it('compares free text after normalisation', () => {
    expect(isCorrect('The Red bar.', 'the red bar', text)).toBe(true);
    expect(isCorrect('red', 'the red bar', text)).toBe(false);
  });
});

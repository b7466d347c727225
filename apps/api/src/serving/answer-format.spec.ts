import { generateSuite } from '@prmbas/tasks';
import { describe, expect, it } from 'vitest';
import { answerFormatOf } from './answer-format';

describe('answerFormatOf', () => {
  it('reads the format of every synth suite prompt as the suite states it', () => {
    for (const q of generateSuite({ size: 40, seed: 3 })) {
      const format = answerFormatOf(q.text, undefined);
      expect(format.answerType).toBe(q.answerType);
      expect(format.choices).toEqual(q.choices);
      expect(format.precision).toEqual(q.precision);
    }
  });

  it('reads MathVista-style decimals, defaults to text, and lets the request say', () => {
    expect(answerFormatOf('Hint: Please answer the question requiring a floating-point number with 2 decimal places and provide the final value.', undefined)).toMatchObject({
      answerType: 'number',
      precision: 2,
    });
    expect(answerFormatOf('What is shown?', undefined)).toEqual({ answerType: 'text', source: 'default' });
    expect(answerFormatOf('Pick one', { choices: ['red', 'blue'] })).toEqual({ answerType: 'choice', choices: ['red', 'blue'], source: 'request' });
    expect(answerFormatOf('x', { answer_type: 'number', precision: 1, unit: 'cm' })).toEqual({ answerType: 'number', precision: 1, unit: 'cm', source: 'request' });
  });
});

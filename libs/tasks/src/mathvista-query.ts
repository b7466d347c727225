/**
 * The prompt text of a question in MathVista's `query` style: a hint on the answer format, the
 * question, and the lettered choices. Used for synth questions and for benchmark records that
 * carry no `query` of their own.
 */
import type { AnswerType } from '@prmbas/search';

export function choiceLetterAt(i: number): string {
  return String.fromCharCode(65 + i);
}

export function buildQuery(question: string, answerType: AnswerType, options: { choices?: readonly string[]; precision?: number } = {}): string {
  let hint: string;
  if (answerType === 'choice') {
    hint = 'Hint: Please answer the question and provide the correct option letter, e.g., A, B, C, D, at the end.';
  } else if (answerType === 'number' && options.precision !== undefined && options.precision > 0) {
    hint = `Hint: Please answer the question requiring a floating-point number with ${options.precision} decimal place${options.precision === 1 ? '' : 's'} and provide the final value, e.g., 1.2, 1.3, 1.4, at the end.`;
  } else if (answerType === 'number') {
    hint = 'Hint: Please answer the question requiring an integer answer and provide the final value, e.g., 1, 2, 3, at the end.';
  } else {
    hint = 'Hint: Please answer the question and provide the final answer at the end.';
  }
  const lines = [hint, `Question: ${question}`];
  if (options.choices && options.choices.length > 0) {
    lines.push('Choices:', ...options.choices.map((c, i) => `(${choiceLetterAt(i)}) ${c}`));
  }
  return lines.join('\n');
}

/**
 * The answer format of a served question (number / choice / text, the options, the precision),
 * which a policy needs to extract answers and the trace needs to check them. A chat request does
 * not carry it, so it comes from our request extension when given, else from the prompt itself in
 * the MathVista `query` style our suite and the MathVista loader write ("Hint: ... requiring an
 * integer answer ...", "Choices:\n(A) ..."), else free text.
 */
import type { AnswerType } from '@prmbas/search';
import type { TPrmbasRequestExtension } from './chat-completion.schemas';

export interface AnswerFormat {
  answerType: AnswerType;
  choices?: string[];
  precision?: number;
  unit?: string;
  /** Where it came from, kept in the trace's params. */
  source: 'request' | 'prompt' | 'default';
}

const CHOICE_LINE = /^\(([A-Z])\)\s*(.+?)\s*$/;
const DECIMALS = /requiring a floating-point number with (\d+) decimal place/i;
const INTEGER = /requiring an integer answer/i;

/** Options listed after a "Choices:" line as "(A) ...", in letter order from A. */
function choicesIn(text: string): string[] | null {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^\s*Choices:\s*$/i.test(l));
  if (start < 0) return null;
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = CHOICE_LINE.exec(line.trim());
    if (!m || m[1] !== String.fromCharCode(65 + out.length)) break;
    out.push(m[2]!);
  }
  return out.length >= 2 ? out : null;
}

export function answerFormatOf(text: string, extension: TPrmbasRequestExtension | undefined): AnswerFormat {
  if (extension?.answer_type || extension?.choices) {
    const answerType = extension.answer_type ?? 'choice';
    return {
      answerType,
      ...(extension.choices ? { choices: extension.choices } : answerType === 'choice' ? withChoices(choicesIn(text)) : {}),
      ...(extension.precision === undefined ? {} : { precision: extension.precision }),
      ...(extension.unit === undefined ? {} : { unit: extension.unit }),
      source: 'request',
    };
  }
  const choices = choicesIn(text);
  if (choices) return { answerType: 'choice', choices, source: 'prompt' };
  const decimals = DECIMALS.exec(text);
  if (decimals) return { answerType: 'number', precision: Number(decimals[1]), source: 'prompt' };
  if (INTEGER.test(text)) return { answerType: 'number', source: 'prompt' };
  return { answerType: 'text', source: 'default' };
}

function withChoices(choices: string[] | null): { choices?: string[] } {
  return choices ? { choices } : {};
}

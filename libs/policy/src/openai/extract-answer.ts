/**
 * The default final-answer extraction: the last "answer is X" (or `\boxed{X}`) in a step, cleaned
 * of markdown and a trailing full stop; for multiple choice, the option letter. Benchmarks inject
 * their own stricter extraction (from `@prmbas/tasks`) through the policy's `extractAnswer` option.
 */
import type { Problem } from '@prmbas/search';

const ANSWER_IS = /answer\s+is\s*:?[ \t]*/gi;
const BOXED = /\\boxed\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g;

function lastMatch(re: RegExp, text: string): string | undefined {
  let found: string | undefined;
  for (const m of text.matchAll(re)) found = m[1];
  return found;
}

function clean(raw: string): string {
  let s = raw.trim();
  const boxed = lastMatch(BOXED, s);
  if (boxed !== undefined) s = boxed;
  s = s.replace(/\*\*|__|`/g, '').replace(/^\$+|\$+$/g, '').trim();
  // A sentence-ending full stop, not a decimal point ("3.5." → "3.5", "3.5" stays).
  s = s.replace(/[.。]+$/, '').trim();
  s = s.replace(/^\$+|\$+$/g, '').trim();
  return s;
}

/** Map "(B)", "B.", "B) blue" or the text of option B to "B" when the problem has choices. */
function toChoiceLetter(answer: string, choices: readonly string[]): string {
  const letter = /^\(?([A-Za-z])\)?(?=$|[\s.:)])/.exec(answer);
  if (letter?.[1]) {
    const index = letter[1].toUpperCase().charCodeAt(0) - 65;
    if (index >= 0 && index < choices.length) return letter[1].toUpperCase();
  }
  const byText = choices.findIndex((c) => c.trim().toLowerCase() === answer.toLowerCase());
  return byText >= 0 ? String.fromCharCode(65 + byText) : answer;
}

/** The rest of the line after the last "answer is" ("the answer is 1. Wait, the answer is 2" → "2"). */
function afterLastAnswerIs(text: string): string | undefined {
  let end: number | undefined;
  for (const m of text.matchAll(ANSWER_IS)) end = m.index + m[0].length;
  if (end === undefined) return undefined;
  return text.slice(end).split('\n', 1)[0];
}

export function extractAnswerDefault(text: string, problem: Problem): string | undefined {
  const raw = afterLastAnswerIs(text) ?? lastMatch(BOXED, text);
  if (raw === undefined) return undefined;
  const answer = clean(raw);
  if (answer === '') return undefined;
  return problem.choices && problem.choices.length > 0 ? toChoiceLetter(answer, problem.choices) : answer;
}

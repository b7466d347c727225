/**
 * Answer extraction and checking, as MathVista-style evaluators do it (rule-based, no LLM judge):
 * find the stated final answer in a free-form response, normalise it for the question's answer
 * type, and compare with the gold answer (numbers with tolerance, choices by letter or option
 * text, free text after normalisation).
 */
import type { Problem } from '@prmbas/search';
import { findNumbers, formatCanonicalNumber, parseNumber, roundTo } from './answer-number';
import { choiceLetterAt } from './mathvista-query';

type AnswerFormat = Pick<Problem, 'answerType' | 'choices' | 'precision'>;

export const ANSWER_CHECK_DEFAULTS = {
  /** Relative tolerance for numbers when the question gives no precision. */
  relativeTolerance: 1e-6,
  /** Absolute tolerance for numbers when the question gives no precision (answers near 0). */
  absoluteTolerance: 1e-9,
};

/** Lower case, punctuation to spaces, whitespace collapsed: "The Red Bar." -> "the red bar". */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s.]/gu, ' ')
    .replace(/\.(?!\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Phrases that introduce a final answer; matched without consuming what follows, so the LAST one wins. */
const ANSWER_INTRO = /\b(?:the\s+)?(?:final\s+)?answer\s*(?:is|:|=)\s*:?\s*/gi;
const BOXED = /\\boxed\{([^{}]*)\}/gi;

/**
 * The text after the LAST "The answer is" / "Answer:" / \boxed{} in the response, up to the end
 * of its line or sentence, or null when the response states no answer.
 */
function statedAnswerSegment(response: string): string | null {
  let best: { index: number; text: string } | null = null;
  ANSWER_INTRO.lastIndex = 0;
  for (let m = ANSWER_INTRO.exec(response); m; m = ANSWER_INTRO.exec(response)) {
    const rest = response.slice(m.index + m[0].length);
    const line = rest.split('\n')[0] as string;
    const sentence = line.split(/\.\s/)[0] as string;
    best = { index: m.index, text: sentence };
    if (m[0].length === 0) ANSWER_INTRO.lastIndex++;
  }
  BOXED.lastIndex = 0;
  for (let m = BOXED.exec(response); m; m = BOXED.exec(response)) {
    if (!best || m.index >= best.index) best = { index: m.index, text: m[1] as string };
  }
  if (!best) return null;
  return best.text.trim().replace(/[.\s]+$/, '');
}

function letterInRange(letter: string, problem: AnswerFormat): boolean {
  const n = problem.choices?.length ?? 26;
  const i = letter.toUpperCase().charCodeAt(0) - 65;
  return i >= 0 && i < n;
}

/**
 * The choice letter a short answer string names: the option text itself, "(B)", "B", "B.",
 * "B) red", "option B", or an answer containing exactly one option text.
 */
function letterFromAnswer(text: string, problem: AnswerFormat): string | null {
  const t = text.trim();
  const norm = normaliseText(t);
  const choices = problem.choices ?? [];
  // Option text first: options may themselves look like letters or numbers ("3", "B").
  const exact = norm ? choices.findIndex((c) => normaliseText(c) === norm) : -1;
  if (exact >= 0) return choiceLetterAt(exact);
  const patterns = [
    /^\(?([A-Za-z])\)?[.):]?$/, // "B", "(B)", "B.", "b)"
    /^\(([A-Za-z])\)/, // "(B) red"
    /^([A-Z])[.):]\s/, // "B. red", "B) red"
    /^([B-HJ-Z])(?=[\s,;])/, // "B because ..." (not "A"/"I", which start ordinary sentences)
    /\b(?:option|choice)\s*\(?([A-Za-z])\)?(?![\w])/i, // "option B"
    /\(([A-Z])\)/, // "... is (B)"
  ];
  for (const p of patterns) {
    const m = p.exec(t);
    if (m && letterInRange(m[1] as string, problem)) return (m[1] as string).toUpperCase();
  }
  return letterFromContainedOption(norm, choices);
}

/**
 * Letter of the one option text the answer contains as whole words ("red circles" beats "circles"
 * when both match); null when several unrelated options are mentioned ("red, not blue").
 */
function letterFromContainedOption(norm: string, choices: readonly string[]): string | null {
  if (!norm) return null;
  const hits = choices
    .map((c, i) => ({ i, text: normaliseText(c) }))
    .filter((h) => h.text && ` ${norm} `.includes(` ${h.text} `));
  const maximal = hits.filter((h) => !hits.some((o) => o !== h && o.text.length > h.text.length && ` ${o.text} `.includes(` ${h.text} `)));
  return maximal.length === 1 ? choiceLetterAt((maximal[0] as { i: number }).i) : null;
}

/**
 * The final answer of a free-form response in canonical form (choice letter, number text or
 * normalised text), or null when none can be found.
 */
export function extractAnswer(responseText: string, problem: AnswerFormat): string | null {
  const segment = statedAnswerSegment(responseText);
  if (problem.answerType === 'choice') {
    if (segment !== null) {
      const letter = letterFromAnswer(segment, problem);
      if (letter) return letter;
    }
    const lines = responseText.split('\n').map((l) => l.trim()).filter(Boolean);
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines[i] as string;
      const parens = [...line.matchAll(/\(([A-Z])\)/g)].map((m) => m[1] as string).filter((l) => letterInRange(l, problem));
      if (parens.length > 0) return parens[parens.length - 1] as string;
      const letter = letterFromAnswer(line, problem);
      if (letter) return letter;
    }
    return null;
  }
  if (problem.answerType === 'number') {
    const fromSegment = segment !== null ? parseNumber(segment) : null;
    if (fromSegment !== null) return formatCanonicalNumber(fromSegment);
    const all = findNumbers(responseText);
    const last = all[all.length - 1];
    return last === undefined ? null : formatCanonicalNumber(last);
  }
  if (segment !== null) return normaliseText(segment) || null;
  const lines = responseText.split('\n').map((l) => l.trim()).filter(Boolean);
  const last = lines[lines.length - 1];
  return last ? normaliseText(last) || null : null;
}

/** Canonical form of an answer string for the question's type, or null when it states none. */
export function normaliseAnswer(raw: string, problem: AnswerFormat): string | null {
  if (problem.answerType === 'choice') {
    return letterFromAnswer(raw, problem) ?? (problem.choices ? null : normaliseText(raw) || null);
  }
  if (problem.answerType === 'number') {
    const v = parseNumber(raw);
    return v === null ? null : formatCanonicalNumber(v);
  }
  return normaliseText(raw) || null;
}

/**
 * Whether a predicted answer matches the gold one. Numbers: equal after rounding both to the
 * question's `precision` when it has one, else within a tiny relative tolerance. Choices: the same
 * letter (either side may be a letter or the option text). Text: equal after normalisation.
 */
export function isCorrect(predicted: string | null | undefined, gold: string, problem: AnswerFormat): boolean {
  if (predicted === null || predicted === undefined) return false;
  if (problem.answerType === 'number') {
    const p = parseNumber(predicted);
    const g = parseNumber(gold);
    if (p === null || g === null) return false;
    if (problem.precision !== undefined && problem.precision >= 0) {
      return roundTo(p, problem.precision) === roundTo(g, problem.precision);
    }
    const { relativeTolerance, absoluteTolerance } = ANSWER_CHECK_DEFAULTS;
    return Math.abs(p - g) <= Math.max(absoluteTolerance, relativeTolerance * Math.abs(g));
  }
  const p = normaliseAnswer(predicted, problem);
  const g = normaliseAnswer(gold, problem);
  return p !== null && g !== null && p === g;
}

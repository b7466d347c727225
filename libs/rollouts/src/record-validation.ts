/**
 * Checking a `SolutionRecord` read from a file, field by field, so a bad line is reported as
 * `data.jsonl:12: field "steps[3].value" must be a number in [0, 1], got 1.5`. Fields this version
 * does not know are kept (files written by a newer builder still load).
 */
import type { AnswerType } from '@prmbas/search';
import type { SolutionRecord } from './dataset-record';
import { FieldReader } from './dataset-format-error';

const ANSWER_TYPES: readonly AnswerType[] = ['number', 'choice', 'text'];

/** Tolerance when checking value = correct / rollouts (values are written as JS doubles). */
const VALUE_TOLERANCE = 1e-9;

function checkValuedStep(read: FieldReader, raw: unknown, field: string): void {
  const s = read.object(raw, field);
  read.string(s.text, `${field}.text`);
  const value = read.unit(s.value, `${field}.value`);
  const rollouts = read.count(s.rollouts, `${field}.rollouts`);
  const correct = read.count(s.correct, `${field}.correct`);
  const terminal = read.boolean(s.terminal, `${field}.terminal`);
  if (s.answer !== undefined) read.string(s.answer, `${field}.answer`);
  if (terminal && rollouts > 0) read.fail(`${field}.rollouts`, `must be 0 for a terminal step (valued by its answer), got ${rollouts}`);
  if (correct > Math.max(rollouts, 1)) read.fail(`${field}.correct`, `must be at most rollouts (${rollouts}), got ${correct}`);
  if (rollouts > 0 && Math.abs(value - correct / rollouts) > VALUE_TOLERANCE) {
    read.fail(`${field}.value`, `must equal correct / rollouts = ${correct}/${rollouts}, got ${value}`);
  }
}

/** The record on one line, checked; throws `DatasetFormatError` naming `where` and the field. */
export function parseSolutionRecord(raw: unknown, where: string): SolutionRecord {
  const read = new FieldReader(where);
  const r = read.object(raw, null);
  read.string(r.id, 'id', { nonEmpty: true });
  read.string(r.questionId, 'questionId', { nonEmpty: true });
  read.string(r.question, 'question');
  read.stringOrNull(r.image, 'image');
  read.string(r.answer, 'answer');
  read.oneOf(r.answerType, 'answerType', ANSWER_TYPES);
  if (r.choices !== undefined) read.stringArray(r.choices, 'choices');
  const steps = read.array(r.steps, 'steps', { nonEmpty: true });
  steps.forEach((step, i) => {
    const field = `steps[${i}]`;
    checkValuedStep(read, step, field);
    const siblings = (step as Record<string, unknown>).siblings;
    if (siblings !== undefined) read.array(siblings, `${field}.siblings`).forEach((s, k) => checkValuedStep(read, s, `${field}.siblings[${k}]`));
  });
  read.stringOrNull(r.finalAnswer, 'finalAnswer');
  read.boolean(r.correct, 'correct');
  read.object(r.meta, 'meta');
  return r as unknown as SolutionRecord;
}

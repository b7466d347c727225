/**
 * TRL's "stepwise supervision" dataset type (what `PRMTrainer` trains on): one JSON object per line
 * with `prompt` (string), `completions` (the step texts) and `labels` (one boolean per step). We add
 * `images` (paths relative to the file) when a record has one, as TRL's vision datasets do.
 * Labels are hard: value > threshold.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SolutionRecord } from './dataset-record';
import { DatasetFormatError, FieldReader } from './dataset-format-error';
import { jsonlLines, writeLinesAtomically } from './dataset-jsonl';

export interface TrlStepwiseRow {
  prompt: string;
  completions: string[];
  labels: boolean[];
  images?: string[];
}

export interface TrlExportOptions {
  threshold: number;
  includeSiblings: boolean;
  images: boolean;
}

export const TRL_EXPORT_DEFAULTS: TrlExportOptions = {
  threshold: 0, // a step is good when some rollout from it reaches the gold answer (Math-Shepherd's hard estimate)
  includeSiblings: false, // TRL has no sibling groups; as extra rows (prefix + sibling) they weigh prefixes twice
  images: true, // keep the picture: these are multimodal questions
};

/** Rows of `records`: one per solution, plus (with `includeSiblings`) one per sibling: its prefix then the sibling. */
export function toTrlRows(records: readonly SolutionRecord[], options: Partial<TrlExportOptions> = {}): TrlStepwiseRow[] {
  const o = { ...TRL_EXPORT_DEFAULTS, ...options };
  const label = (value: number): boolean => value > o.threshold;
  const rows: TrlStepwiseRow[] = [];
  for (const record of records) {
    const images = o.images && record.image !== null ? { images: [record.image] } : {};
    const completions = record.steps.map((s) => s.text);
    const labels = record.steps.map((s) => label(s.value));
    rows.push({ prompt: record.question, completions, labels, ...images });
    if (!o.includeSiblings) continue;
    record.steps.forEach((step, i) => {
      for (const sibling of step.siblings ?? []) {
        rows.push({
          prompt: record.question,
          completions: [...completions.slice(0, i), sibling.text],
          labels: [...labels.slice(0, i), label(sibling.value)],
          ...images,
        });
      }
    });
  }
  return rows;
}

export function serialiseTrlRow(row: TrlStepwiseRow): string {
  return JSON.stringify(row);
}

export async function writeTrlJsonl(file: string, records: readonly SolutionRecord[], options: Partial<TrlExportOptions> = {}): Promise<number> {
  const rows = toTrlRows(records, options);
  await writeLinesAtomically(file, rows.map(serialiseTrlRow));
  return rows.length;
}

/** One stepwise-supervision row, checked; throws `DatasetFormatError` naming `where` and the field. */
export function parseTrlRow(raw: unknown, where: string): TrlStepwiseRow {
  const read = new FieldReader(where);
  const r = read.object(raw, null);
  const prompt = read.string(r.prompt, 'prompt');
  const completions = read.stringArray(r.completions, 'completions');
  if (completions.length === 0) read.fail('completions', 'must not be empty');
  const labels = read.array(r.labels, 'labels').map((v, i) => read.boolean(v, `labels[${i}]`));
  if (labels.length !== completions.length) {
    read.fail('labels', `must have one entry per completion (${completions.length}), got ${labels.length}`);
  }
  const row: TrlStepwiseRow = { prompt, completions, labels };
  const images = r.images ?? r.image;
  if (images !== undefined && images !== null) row.images = typeof images === 'string' ? [images] : read.stringArray(images, r.images !== undefined ? 'images' : 'image');
  return row;
}

export function parseTrlJsonl(text: string, name: string): TrlStepwiseRow[] {
  return jsonlLines(text, name).map(({ raw, where }) => parseTrlRow(raw, where));
}

export async function readTrlJsonl(file: string): Promise<TrlStepwiseRow[]> {
  return parseTrlJsonl(await readFile(file, 'utf8'), basename(file));
}

/**
 * A stepwise row as one of our records, so TRL datasets (Math-Shepherd, PRM800K conversions) can
 * feed the same trainer: values are the hard labels (1/0) with no rollouts behind them, and the
 * last step is taken as the terminal one (its label is the solution's correctness).
 */
export function trlRowToRecord(row: TrlStepwiseRow, index: number, options: { idPrefix?: string } = {}): SolutionRecord {
  if (row.labels.length !== row.completions.length) {
    throw new DatasetFormatError(`row ${index}`, 'labels', `must have one entry per completion (${row.completions.length}), got ${row.labels.length}`);
  }
  const questionId = `${options.idPrefix ?? 'trl'}-${index}`;
  const last = row.completions.length - 1;
  return {
    id: `${questionId}#0`,
    questionId,
    question: row.prompt,
    image: row.images?.[0] ?? null,
    answer: '',
    answerType: 'text',
    steps: row.completions.map((text, i) => {
      const v = row.labels[i] ? 1 : 0;
      return { text, value: v, rollouts: 0, correct: v, terminal: i === last };
    }),
    finalAnswer: null,
    correct: row.labels[last] === true,
    meta: { source: 'trl-stepwise', row: index },
  };
}

/**
 * Our dataset file: JSON Lines, one `SolutionRecord` per line, image references relative to the
 * file. Reading checks every line and names the line and field of the first problem.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import type { SolutionRecord } from './dataset-record';
import { DatasetFormatError } from './dataset-format-error';
import { parseSolutionRecord } from './record-validation';

/** One line of the file (without the newline). */
export function serialiseRecord(record: SolutionRecord): string {
  return JSON.stringify(record);
}

/** The non-blank lines of a JSONL text as parsed JSON, with their `name:line` locations. */
export function jsonlLines(text: string, name: string): Array<{ raw: unknown; where: string }> {
  const out: Array<{ raw: unknown; where: string }> = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${name}:${i + 1}`;
    try {
      out.push({ raw: JSON.parse(line), where });
    } catch (error) {
      throw new DatasetFormatError(where, null, `invalid JSON (${(error as Error).message})`);
    }
  });
  return out;
}

/** Records of a dataset text; `name` appears in errors (`name:line`). Ids must be unique. */
export function parseDatasetJsonl(text: string, name: string): SolutionRecord[] {
  const lineOf = new Map<string, string>();
  return jsonlLines(text, name).map(({ raw, where }) => {
    const record = parseSolutionRecord(raw, where);
    const earlier = lineOf.get(record.id);
    if (earlier) throw new DatasetFormatError(where, 'id', `(${JSON.stringify(record.id)}) repeats the id of ${earlier}`);
    lineOf.set(record.id, where);
    return record;
  });
}

export async function readDatasetJsonl(file: string): Promise<SolutionRecord[]> {
  return parseDatasetJsonl(await readFile(file, 'utf8'), basename(file));
}

/** Write `records` as a dataset file, atomically (a temporary file renamed over the target). */
export async function writeDatasetJsonl(file: string, records: readonly SolutionRecord[]): Promise<void> {
  await writeLinesAtomically(file, records.map(serialiseRecord));
}

export async function writeLinesAtomically(file: string, lines: readonly string[]): Promise<void> {
  await mkdir(dirname(resolve(file)), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  await rename(tmp, file);
}

/** Where a record's image reference points: a path relative to the dataset file, resolved (data URLs as they are). */
export function resolveImageRef(datasetFile: string, ref: string): string {
  if (ref.startsWith('data:') || isAbsolute(ref)) return ref;
  return resolve(dirname(resolve(datasetFile)), ref);
}

/**
 * Writing a suite to disk in the format `loadBenchmark` reads: `questions.jsonl` (MathVista field
 * names, one record per line) and `images/<id>.png`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { questionToRecord } from './benchmark-record';
import type { Question } from './question';

/** File name of the question list inside a written suite directory. */
export const SUITE_FILE = 'questions.jsonl';

/** Write `questions` under `dir`; returns the path of the JSONL file. */
export async function writeSuite(dir: string, questions: readonly Question[]): Promise<string> {
  await mkdir(join(dir, 'images'), { recursive: true });
  const lines: string[] = [];
  for (const question of questions) {
    const record = questionToRecord(question);
    const paths = record.image === null ? [] : typeof record.image === 'string' ? [record.image] : record.image;
    await Promise.all(paths.map((p, k) => writeFile(join(dir, p), (question.images[k] as { data: Uint8Array }).data)));
    lines.push(JSON.stringify(record));
  }
  const file = join(dir, SUITE_FILE);
  await writeFile(file, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return file;
}

/**
 * The images of a dataset, written next to its file so records can refer to them by relative path
 * (`images/<id>.png`, the same layout `writeSuite` uses). Writes are idempotent: a resumed build
 * rewrites identical bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { imagePathFor, type Question } from '@prmbas/tasks';

/** Write every question's images under the dataset file's folder; returns how many files were written. */
export async function writeDatasetImages(datasetFile: string, questions: readonly Question[]): Promise<number> {
  const dir = dirname(resolve(datasetFile));
  let written = 0;
  for (const question of questions) {
    for (let k = 0; k < question.images.length; k++) {
      const path = join(dir, imagePathFor(question, k));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, (question.images[k] as { data: Uint8Array }).data);
      written++;
    }
  }
  return written;
}

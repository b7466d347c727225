/**
 * A fingerprint of a suite: SHA-256 over each question's canonical record (sorted-key JSON) and
 * image bytes, in order. A benchmark report carries it to prove which questions it ran; a suite
 * written with `writeSuite` and loaded back has the same digest as the one generated.
 */
import { createHash } from 'node:crypto';
import { questionToRecord } from './benchmark-record';
import type { Question } from './question';
import { stableStringify } from './stable-json';

export function suiteDigest(questions: readonly Question[]): string {
  const hash = createHash('sha256');
  for (const question of questions) {
    hash.update(stableStringify(questionToRecord(question)));
    hash.update('\n');
    for (const image of question.images) {
      hash.update(createHash('sha256').update(image.data).digest('hex'));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}

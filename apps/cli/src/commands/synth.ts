import { writeSuite } from '@prmbas/tasks';
import path from 'node:path';
import { loadSuite } from '../suite-source';

export interface SynthFlags {
  size: number;
  seed: number;
  out: string;
  difficulty?: string;
  families?: string;
}

/** `prmbas synth`: writes a suite as questions.jsonl + images/, the format `--suite FILE` reads back. */
export async function synthCommand(flags: SynthFlags): Promise<{ file: string; digest: string; count: number }> {
  const suite = await loadSuite({ suite: 'synth', size: flags.size, seed: flags.seed, difficulty: flags.difficulty, families: flags.families });
  const file = await writeSuite(flags.out, suite.questions);
  process.stdout.write(`wrote ${suite.questions.length} questions to ${path.relative(process.cwd(), file) || file} (digest ${suite.digest})\n`);
  return { file, digest: suite.digest, count: suite.questions.length };
}

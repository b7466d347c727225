import { existsSync } from 'node:fs';
import { generateSuite, loadBenchmark, suiteDigest, type Difficulty, type Question, type SynthFamily } from '@prmbas/tasks';
import { UsageError } from './specs/spec-string';

export interface SuiteRequest {
  /** `synth` for the built-in suite, else a path to a JSONL/JSON benchmark file. */
  suite: string;
  size?: number;
  seed: number;
  difficulty?: string;
  families?: string;
  limit?: number;
}

export interface LoadedSuite {
  kind: 'synth' | 'file';
  source: string;
  questions: Question[];
  digest: string;
  options: Record<string, unknown>;
}

/** Builds the synth suite in memory or loads a benchmark file, and fingerprints what it got. */
export async function loadSuite(request: SuiteRequest): Promise<LoadedSuite> {
  if (request.suite === 'synth') {
    const size = request.size ?? 100;
    const difficulty = parseDifficulty(request.difficulty);
    const families = parseFamilies(request.families);
    const questions = generateSuite({ size, seed: request.seed, difficulty, families });
    return {
      kind: 'synth',
      source: 'synth',
      questions,
      digest: suiteDigest(questions),
      options: { size, seed: request.seed, difficulty: difficulty ?? 'mixed', families: families ?? 'all' },
    };
  }
  if (!existsSync(request.suite)) throw new UsageError(`--suite: ${request.suite} does not exist (use "synth" or a JSONL/JSON file)`);
  let questions = await loadBenchmark(request.suite);
  if (request.limit !== undefined) questions = questions.slice(0, request.limit);
  return { kind: 'file', source: request.suite, questions, digest: suiteDigest(questions), options: { limit: request.limit ?? null } };
}

function parseDifficulty(text: string | undefined): Difficulty | Difficulty[] | undefined {
  if (text === undefined || text === 'mixed') return undefined;
  const levels = text.split(',').map((t) => Number(t.trim()));
  for (const level of levels) {
    if (![1, 2, 3].includes(level)) throw new UsageError(`--difficulty: "${text}" must be 1, 2, 3, a list like 1,2, or "mixed"`);
  }
  return levels.length === 1 ? (levels[0] as Difficulty) : (levels as Difficulty[]);
}

function parseFamilies(text: string | undefined): SynthFamily[] | undefined {
  if (text === undefined || text === 'all') return undefined;
  const families = text.split(',').map((t) => t.trim());
  for (const family of families) {
    if (family !== 'shapes' && family !== 'bars') throw new UsageError(`--families: "${family}" is not a synth family (shapes, bars)`);
  }
  return families as SynthFamily[];
}

/**
 * A whole build in its own process, for the kill-and-resume test (resume.spec.ts): reads its
 * settings as JSON from PRMBAS_BUILD, builds into a JSONL store and prints the report as JSON.
 * Run: node -e "require('tsx/cjs'); require('<this file>')".
 */
import { buildDataset } from '../build-dataset';
import { JsonlDatasetStore } from '../jsonl-dataset-store';
import { checkAnswer, simPolicy, synthQuestions } from './sim-fixture';

export interface BuildScriptSettings {
  file: string;
  questions: number;
  suiteSeed: number;
  latencyMs: number;
  config: Record<string, unknown>;
}

async function run(): Promise<void> {
  const settings = JSON.parse(process.env.PRMBAS_BUILD ?? '') as BuildScriptSettings;
  const questions = synthQuestions(settings.questions, settings.suiteSeed);
  const store = await JsonlDatasetStore.open(settings.file, { header: { questions: settings.questions, suiteSeed: settings.suiteSeed, ...settings.config } });
  try {
    const report = await buildDataset({ questions, policy: simPolicy(settings.latencyMs), isCorrect: checkAnswer, store, config: settings.config });
    process.stdout.write(`${JSON.stringify({ recovered: store.recovered, skipped: report.skipped, records: report.stats.records })}\n`);
  } finally {
    await store.close();
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

/**
 * Evaluate a trained model directory on held-out sim questions (suite seed 9001, never used in
 * training) with the simulator-label breakdown, the text-only baselines, and inference throughput.
 *
 *   EVAL='{"model":"/tmp/prm-mm/m1","questions":300}' node -e "require('tsx/cjs'); require('./libs/prm/scripts/evaluate-model.ts')"
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initBackend } from '../src/backend';
import { loadMultimodalPrm } from '../src/multimodal/load';
import { predictLogits } from '../src/train/predict';
import { breakdown, fmt, labeledExamples, textBaselines } from './exp-lib';

const cfg = { model: '', questions: 300, seed: 9001, baselines: false, name: '', ...(JSON.parse(process.env.EVAL ?? '{}') as Record<string, unknown>) } as { model: string; questions: number; seed: number; baselines: boolean; name: string };

(async () => {
  await initBackend({ prefer: 'wasm', logger: { info: () => undefined } });
  const { model, featurizer } = await loadMultimodalPrm(cfg.model);
  const evalSet = await labeledExamples({ questions: cfg.questions, seed: cfg.seed }, featurizer);
  const t0 = performance.now();
  const logits = predictLogits(model, evalSet.map((e) => e.features), 256);
  const sec = (performance.now() - t0) / 1000;
  const b = breakdown(logits, evalSet);
  console.log(`[${cfg.name || cfg.model}] ${evalSet.length} steps: ${fmt(b)} | ${(evalSet.length / sec).toFixed(0)} scored steps/s`);
  if (cfg.baselines) {
    const train = await labeledExamples({ questions: 1000, seed: 101, first: 2_000_000 }, featurizer);
    const base = textBaselines(train, evalSet);
    const logit = (p: number) => Math.log(p + 1e-6) - Math.log(1 - p + 1e-6);
    console.log(`[baseline prior]       ${fmt(breakdown(base.prior.map(logit), evalSet))}`);
    console.log(`[baseline prior+arith] ${fmt(breakdown(base.priorArith.map(logit), evalSet))}`);
  }
  fs.appendFileSync(path.join(__dirname, 'results.jsonl'), JSON.stringify({ kind: 'evaluate-model', name: cfg.name, model: cfg.model, seed: cfg.seed, questions: cfg.questions, steps: evalSet.length, scoredStepsPerSec: evalSet.length / sec, ...b, at: new Date().toISOString() }) + '\n');
  model.dispose();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

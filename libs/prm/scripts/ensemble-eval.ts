/**
 * Score dataset files with one or more trained models and their logit average (an ensemble), with
 * the same metrics as `prmbas eval-prm`; `heldOutOf` evaluates the trainer's held-out split of a
 * training file instead (10% of questions, split seed 1, as `prmbas train` makes it).
 *
 *   ENS='{"models":["/tmp/prm-mm/f5","/tmp/prm-mm/f6-lambda0"],"data":["/tmp/prm-mm/ds-eval/eval.jsonl"],"heldOutOf":"/tmp/prm-mm/ds/train.jsonl"}' \
 *     node -e "require('tsx/cjs'); require('./libs/prm/scripts/ensemble-eval.ts')"
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SolutionRecord } from '@prmbas/rollouts';
import { initBackend } from '../src/backend';
import { evaluateScored } from '../src/multimodal/evaluate';
import { loadMultimodalPrm } from '../src/multimodal/load';
import { readSolutionDataset, recordExamples, splitByQuestion } from '../src/multimodal/records';
import { DEFAULT_HELD_OUT_SHARE } from '../src/multimodal/train-multimodal';
import { predictLogitsAsync } from '../src/train/predict';

const cfg = { models: [] as string[], data: [] as string[], heldOutOf: '', ...(JSON.parse(process.env.ENS ?? '{}') as Record<string, unknown>) } as { models: string[]; data: string[]; heldOutOf: string };

(async () => {
  await initBackend({ prefer: 'wasm', logger: { info: () => undefined } });
  const sets: Array<{ name: string; records: SolutionRecord[]; images: ReadonlyMap<string, Uint8Array | null> }> = [];
  for (const file of cfg.data) {
    const ds = await readSolutionDataset(file);
    sets.push({ name: file, records: ds.records, images: ds.images });
  }
  if (cfg.heldOutOf) {
    const ds = await readSolutionDataset(cfg.heldOutOf);
    sets.push({ name: `held-out split of ${cfg.heldOutOf}`, records: splitByQuestion(ds.records, DEFAULT_HELD_OUT_SHARE, 'held-out:1').heldOut, images: ds.images });
  }
  const f = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(3));
  for (const set of sets) {
    const all: number[][] = [];
    let meta: { values: number[]; groups: Array<string | null>; texts: string[] } | null = null;
    for (const m of cfg.models) {
      const { model, featurizer } = await loadMultimodalPrm(m);
      const ex = set.records.flatMap((r) => recordExamples(r, featurizer, featurizer.image(set.images.get(r.id) ?? null)));
      meta ??= { values: ex.map((e) => e.value), groups: ex.map((e) => e.group), texts: ex.map((e) => e.origin.text) };
      all.push(Array.from(await predictLogitsAsync(model, ex.map((e) => e.features), 256)));
      model.dispose();
    }
    if (!meta) continue;
    const m = meta;
    const line = (name: string, logits: number[]) => {
      const e = evaluateScored(logits, m.values, m.groups, m.texts);
      console.log(`[${name}] ${set.name}: auroc ${f(e.auroc)} pair ${f(e.pairAccuracy)} ece ${f(e.ece)} (${e.steps} steps, ${e.pairs} pairs) | ${Object.entries(e.byKind).map(([k, v]) => `${k} ${f(v?.auroc)}`).join(' ')}`);
      fs.appendFileSync(path.join(__dirname, 'results.jsonl'), JSON.stringify({ kind: 'ensemble-eval', name, data: set.name, auroc: e.auroc, pairAccuracy: e.pairAccuracy, ece: e.ece, steps: e.steps, pairs: e.pairs, at: new Date().toISOString() }) + '\n');
    };
    cfg.models.forEach((name, k) => line(name, all[k] as number[]));
    if (all.length > 1) line(`mean of ${cfg.models.length}`, m.values.map((_, i) => all.reduce((s, l) => s + (l[i] as number), 0) / all.length));
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

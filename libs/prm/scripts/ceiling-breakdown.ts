/**
 * Where a model loses against the oracles of label-ceiling.ts: step AUROC (v > 0) of the models'
 * mean logit, the observable oracle and the simulator's right/wrong label, within subsets of the
 * sim held-out set (clean vs error-containing prefixes, step kinds, candidate error kinds, depth).
 * Needs the dump of label-ceiling.ts on the same questions:
 *   CEIL='{"questions":300,"rollouts":16,"alt":16,"dump":"/tmp/ceil-dump.json"}' node -e "require('tsx/cjs'); require('./libs/prm/scripts/label-ceiling.ts')"
 *   DUMP=/tmp/ceil-dump.json MODELS=/tmp/prm-mm/f5,/tmp/prm-mm/f6-lambda0 node -e "require('tsx/cjs'); require('./libs/prm/scripts/ceiling-breakdown.ts')"
 */
import * as fs from 'node:fs';
import { initBackend } from '../src/backend';
import { loadMultimodalPrm } from '../src/multimodal/load';
import { predictLogits } from '../src/train/predict';
import { stepAuroc, auroc } from '../src/metrics/auroc';
import { labeledExamples, type LabeledExample } from './exp-lib';
(async () => {
  await initBackend({ prefer: 'wasm', logger: { info: () => undefined } });
  const d = JSON.parse(fs.readFileSync(process.env.DUMP ?? '/tmp/ceil-dump.json', 'utf8')) as { labels: number[]; observable: number[]; labelOracle: number[] };
  const models = (process.env.MODELS ?? '/tmp/prm-mm/f5').split(',');
  const all: number[][] = [];
  let ex: LabeledExample[] = [];
  for (const m of models) {
    const { model, featurizer } = await loadMultimodalPrm(m);
    ex = await labeledExamples({ questions: 300, seed: 9001 }, featurizer);
    const logits = Array.from(predictLogits(model, ex.map((e) => e.features), 256));
    all.push(logits);
    model.dispose();
  }
  if (ex.length !== d.labels.length) throw new Error(`${ex.length} vs ${d.labels.length}`);
  for (let i = 0; i < ex.length; i++) if (Math.abs(ex[i]!.value - d.labels[i]) > 1e-9) throw new Error('order mismatch ' + i);
  const ens = ex.map((_, i) => all.reduce((s, l) => s + (l[i] as number), 0) / all.length);
  const f = (x: number | null) => (x === null ? '-' : x.toFixed(3));
  const sub = (name: string, keep: (i: number) => boolean) => {
    const idx = ex.flatMap((_, i) => (keep(i) ? [i] : []));
    const lab = idx.map((i) => d.labels[i]);
    const pos = lab.filter((v: number) => v > 0).length;
    console.log(`${name.padEnd(28)} n ${String(idx.length).padStart(5)} pos ${(pos / idx.length).toFixed(2)} | model ${f(stepAuroc(idx.map((i) => ens[i]), lab))} obs ${f(stepAuroc(idx.map((i) => d.observable[i]), lab))} labelOr ${f(stepAuroc(idx.map((i) => d.labelOracle[i]), lab))}`);
  };
  all.forEach((l, k) => console.log(models[k], 'auroc', f(stepAuroc(l, d.labels))));
  sub('all', () => true);
  sub('clean (prefix+cand right)', (i) => d.labelOracle[i] === 1);
  sub('error somewhere', (i) => d.labelOracle[i] === 0);
  sub('error in prefix', (i) => !ex[i]!.prefixClean);
  sub('clean prefix, wrong cand', (i) => ex[i]!.prefixClean && ex[i]!.error !== null);
  for (const k of ['reading', 'arithmetic', 'compare', 'answer']) {
    sub(`${k}`, (i) => ex[i]!.kind === k);
    sub(`${k} clean`, (i) => ex[i]!.kind === k && d.labelOracle[i] === 1);
    sub(`${k} err`, (i) => ex[i]!.kind === k && d.labelOracle[i] === 0);
  }
  for (const e of ['perception', 'entity', 'arithmetic', 'operation', 'compare']) sub(`cand error ${e} (clean prefix)`, (i) => ex[i]!.prefixClean && ex[i]!.error === e);
  // model vs label oracle: AUROC of model on predicting correctness
  console.log('model AUROC for simulator correctness (prefix+cand right):', f(auroc(ens, d.labelOracle.map((x: number) => x === 1))));
  for (let t = 0; t < 8; t++) sub(`step ${t}`, (i) => ex[i]!.origin.step === t);
})();

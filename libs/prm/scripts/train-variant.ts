/**
 * Train a variant through the library entry point (`trainMultimodalPrm`), e.g. the lambda = 0
 * ablation or the text-only model, on a dataset file, optionally with fresh synth data.
 *
 *   VARIANT='{"data":"/tmp/prm-mm/ds/train.jsonl","out":"/tmp/prm-mm/text-only","model":{"useImage":false}}' \
 *     node -e "require('tsx/cjs'); require('./libs/prm/scripts/train-variant.ts')"
 */
import { initBackend } from '../src/backend';
import { readSolutionDataset } from '../src/multimodal/records';
import { trainMultimodalPrm } from '../src/multimodal/train-multimodal';

const v = JSON.parse(process.env.VARIANT ?? '{}') as { data: string; out: string; model?: Record<string, unknown>; trainer?: Record<string, unknown>; fresh?: number; freshSeed?: number };

(async () => {
  await initBackend({ prefer: 'wasm', logger: { info: () => undefined } });
  const ds = await readSolutionDataset(v.data);
  const t0 = performance.now();
  let exSum = 0;
  let msSum = 0;
  const out = await trainMultimodalPrm({
    records: ds.records,
    images: ds.images,
    model: v.model ?? {},
    trainer: v.trainer ?? {},
    fresh: v.fresh ? { questions: v.fresh, seed: v.freshSeed ?? 1_000_003 } : null,
    outDir: v.out,
    onProgress: (p) => {
      exSum += (p.examplesPerSecond * p.msPerStep * 10) / 1000;
      msSum += p.msPerStep * 10;
      if (p.step % 500 === 0) console.log(`step ${p.step}/${p.totalSteps} loss ${p.loss.toFixed(3)} ${p.msPerStep.toFixed(0)} ms/step ${p.examplesPerSecond.toFixed(0)} ex/s`);
    },
    onMetrics: (m) => console.log(`eval ${m.step}: auroc ${m.auroc?.toFixed(4)} pair ${m.pairAccuracy?.toFixed(4)} ece ${m.ece?.toFixed(4)}`),
  });
  console.log(`done ${((performance.now() - t0) / 1000).toFixed(0)}s, train ${(exSum / (msSum / 1000)).toFixed(0)} ex/s, held-out auroc ${out.evaluation?.auroc?.toFixed(4)} pair ${out.evaluation?.pairAccuracy?.toFixed(4)}`);
  out.model.dispose();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

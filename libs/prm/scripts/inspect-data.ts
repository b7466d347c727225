import { initBackend } from '../src/backend';
import { MmFeaturizer } from '../src/multimodal/featurizer';
import { Vocabulary } from '../src/multimodal/tokenizer';
import { labeledExamples } from './exp-lib';
(async () => {
  await initBackend({ prefer: 'wasm', logger: { info: () => undefined } });
  const fz = new MmFeaturizer(Vocabulary.build(['x']));
  const ex = await labeledExamples({ questions: 300, seed: 9001 }, fz);
  const stats = new Map<string, { n: number; v: number; pos: number }>();
  for (const e of ex) {
    const k = `${e.kind}|${e.prefixClean ? 'clean' : 'dirty'}|${e.error}`;
    const s = stats.get(k) ?? { n: 0, v: 0, pos: 0 };
    s.n++; s.v += e.value; if (e.value > 0) s.pos++;
    stats.set(k, s);
  }
  for (const [k, s] of [...stats.entries()].sort()) console.log(k.padEnd(40), s.n, (s.v / s.n).toFixed(3), (s.pos / s.n).toFixed(3));
  const arith = ex.filter((e) => e.kind === 'arithmetic' && e.prefixClean && e.error).slice(0, 8);
  for (const e of arith) console.log(e.error, e.value, JSON.stringify(e.origin.prefix), e.origin.text);
})();

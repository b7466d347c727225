/** Claim read-out exactness of a trained model on right reading steps (held-out sim questions), by family and target form. */
import { initBackend } from '../src/backend';
import { loadMultimodalPrm } from '../src/multimodal/load';
import { labeledExamples } from './exp-lib';

(async () => {
  await initBackend({ prefer: 'wasm', logger: { info: () => undefined } });
  const { model, featurizer } = await loadMultimodalPrm(process.env.MODEL as string);
  const ex = (await labeledExamples({ questions: 300, seed: 9001 }, featurizer)).filter((e) => e.kind === 'reading' && e.error === null);
  const pred = model.predictClaims(ex.map((e) => e.features));
  const groups = new Map<string, { n: number; ok: number; samples: string[] }>();
  ex.forEach((e, i) => {
    const m = /^(Count|Read) the ([a-z ]+?)(?: bar)?: .*?(-?\d+)\.$/.exec(e.origin.text);
    const words = m ? m[2]!.split(' ') : [];
    const form = e.family === 'bars' ? 'bar' : words.length === 2 ? (words[1] === 'shapes' ? 'colour-only' : 'colour+shape') : 'shape-only';
    const claimed = Number(m?.[3]);
    const g = groups.get(form) ?? { n: 0, ok: 0, samples: [] };
    g.n++;
    if (Math.abs(pred[i]! - claimed) < 0.5) g.ok++;
    else if (g.samples.length < 6) g.samples.push(`${e.origin.text.replace(/^Count the |: there (is|are)/g, '')} -> ${pred[i]!.toFixed(2)}`);
    groups.set(form, g);
  });
  for (const [form, g] of groups) console.log(form.padEnd(14), g.n, 'exact', (g.ok / g.n).toFixed(3), '|', g.samples.join(' ; '));
})();

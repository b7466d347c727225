/**
 * Where PRM-BAS with a learned PRM loses accuracy: search (no correct solution finished) or
 * selection (one finished, another was picked). Runs a strategy with `tfjs:DIR` on the default
 * bench suite and re-scores the final choice offline with every aggregation/selection (they only
 * change the final pick, not the search).
 *
 *   MODEL=/tmp/prm-mm/f6-lambda0 [SIZE=500] [CONFIG='{"strategy":"prm-bas",...}'] \
 * MODEL=a,b averages the models' logits (an ensemble).
 *     node -e "require('tsx/cjs'); require('./libs/prm/scripts/search-coverage.ts')"
 */
import { runBenchmark } from '@prmbas/bench';
import { SimPolicy } from '@prmbas/policy';
import { aggregate, chooseAnswer, parseSearchConfig, type Aggregation, type Prm, type SearchResult, type Selection } from '@prmbas/search';
import { generateSuite, isCorrect, type Question } from '@prmbas/tasks';
import { createTfjsPrm } from '../src/multimodal/load';

(async () => {
  const model = process.env['MODEL'] ?? '/tmp/prm-mm/f6-lambda0';
  const size = Number(process.env['SIZE'] ?? 500);
  const config = parseSearchConfig(JSON.parse(process.env['CONFIG'] ?? '{"strategy":"prm-bas","k":4,"schedule":{"kind":"linear","b0":8,"bMin":4,"delta":2}}'));
  const questions = generateSuite({ size, seed: 7 });
  const byId = new Map(questions.map((q) => [q.id, q]));
  const results = new Map<string, SearchResult>();
  const [row] = await runBenchmark({
    questions,
    strategies: [{ name: config.strategy, config }],
    policy: new SimPolicy({ capability: 0.6 }),
    prm: ensemble(model.split(',').map((dir) => createTfjsPrm(dir))),
    seed: 7,
    concurrency: 4,
    onResult: (_s, q, r) => results.set(q.id, r),
  });
  const ok = (q: Question, a: string | undefined | null) => a !== undefined && a !== null && isCorrect(a, q.answer, q);
  let anyFinished = 0;
  let anyTerminal = 0;
  let finishedShareCorrect = 0;
  const picks: Record<string, number> = {};
  for (const [id, r] of results) {
    const q = byId.get(id) as Question;
    const nodes = new Map(r.tree.map((n) => [n.id, n]));
    const finished = r.tree.filter((n) => n.status === 'finished' && n.answer !== undefined);
    if (finished.some((n) => ok(q, n.answer))) anyFinished++;
    if (r.tree.some((n) => n.terminal && ok(q, n.answer))) anyTerminal++;
    finishedShareCorrect += finished.length ? finished.filter((n) => ok(q, n.answer)).length / finished.length : 0;
    const path = (id0: number) => {
      const out: number[] = [];
      for (let n = nodes.get(id0); n; n = n.parent === null ? undefined : nodes.get(n.parent)) out.unshift(n.score ?? 0);
      return out;
    };
    for (const agg of ['last', 'min', 'prod', 'mean'] as Aggregation[]) {
      for (const sel of ['best', 'weighted-vote'] as Selection[]) {
        const choice = chooseAnswer(finished.map((n) => ({ node: n.id, answer: n.answer as string, score: aggregate(path(n.id), agg), order: n.id })), sel);
        const key = `${agg}/${sel}`;
        picks[key] = (picks[key] ?? 0) + (ok(q, choice?.answer) ? 1 : 0);
      }
    }
  }
  const n = results.size;
  const pct = (x: number) => `${((100 * x) / n).toFixed(1)}%`;
  console.log(`${model} ${JSON.stringify(config)}`);
  console.log(`accuracy ${(100 * (row?.accuracy ?? 0)).toFixed(1)}%, policy calls/q ${row?.perQuestion.policyCalls.toFixed(1)}`);
  console.log(`a correct solution finished: ${pct(anyFinished)}; a correct terminal step anywhere in the tree: ${pct(anyTerminal)}; mean share of finished that are correct ${pct(finishedShareCorrect)}`);
  for (const [k, v] of Object.entries(picks)) console.log(`  select ${k.padEnd(20)} ${pct(v)}`);
})();

/** Mean logit of several PRMs (one model: itself). */
function ensemble(prms: Prm[]): Prm {
  if (prms.length === 1) return prms[0] as Prm;
  const logit = (p: number) => Math.log(Math.max(p, 1e-7) / Math.max(1 - p, 1e-7));
  return {
    name: prms.map((p) => p.name).join('+'),
    async score(items, options) {
      const all = await Promise.all(prms.map((p) => p.score(items, options)));
      return { scores: items.map((_, i) => 1 / (1 + Math.exp(-all.reduce((a, r) => a + logit(r.scores[i] as number), 0) / all.length))) };
    },
  };
}

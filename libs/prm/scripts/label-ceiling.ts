/**
 * How high can step AUROC against v > 0 go when v is an M-rollout Monte-Carlo estimate? Builds the
 * sim held-out set (suite seed 9001, labels from M = 8 rollouts, exactly as evaluate-model.ts) and
 * scores every step with oracles that no PRM can beat in expectation:
 *  - `value oracle`: an independent MC estimate of the step's true value with many rollouts (the
 *    Bayes-optimal score for "v > 0" is 1 - (1 - p)^M, monotone in the true value p);
 *  - `label oracle`: the simulator's own right/wrong label of prefix + candidate (1 if every step
 *    so far is right);
 *  - `observable oracle`: P(v > 0 | what a PRM can see). The sim policy's systematic errors (the
 *    steps whose most likely outcome is wrong) are drawn from a hash of the question id, which is in
 *    no model input. This oracle re-draws them: the same question (scene, program, pixels) under
 *    `alt` other ids, M = 8 rollouts each, and the share of ids where v > 0. It knows perfectly
 *    whether the steps are right and everything else a PRM could learn, but not the hidden draws.
 * Run: CEIL='{"questions":300,"rollouts":128}' node -e "require('tsx/cjs'); require('./libs/prm/scripts/label-ceiling.ts')"
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { McPrm, SimPolicy } from '@prmbas/policy';
import { hashSeed, type PrmItem } from '@prmbas/search';
import { attachSynthPayload, generateQuestion, isCorrect, listChunks, readSynthPayload, toProblem, type Question } from '@prmbas/tasks';
import { stepAuroc } from '../src/metrics/auroc';
import { simSolutionRecords } from '../src/multimodal/sim-records';
import { stepKind } from '../src/multimodal/evaluate';

const cfg = { questions: 300, seed: 9001, rollouts: 128, labelRollouts: 8, alt: 16, dump: '', ...(JSON.parse(process.env.CEIL ?? '{}') as Record<string, unknown>) } as { questions: number; seed: number; rollouts: number; labelRollouts: number; alt: number; dump: string };

/** The question with its hidden payload under another question id (pixels and text unchanged). */
function underId(question: Question, id: string): Question {
  const png = question.images[0]?.data as Uint8Array;
  const payload = readSynthPayload(png);
  if (!payload) throw new Error(`${question.id}: not a synth question`);
  const kept = listChunks(png).filter((c) => !(c.type === 'tEXt' && String.fromCharCode(...c.data.subarray(0, c.data.indexOf(0))) === 'prmbas-synth'));
  const parts = [png.subarray(0, 8), ...kept.map((c) => png.subarray(c.offset, c.offset + 12 + c.data.length))];
  const stripped = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    stripped.set(p, at);
    at += p.length;
  }
  const image = { ...(question.images[0] as Question['images'][number]), data: attachSynthPayload(stripped, { ...payload, questionId: id }) };
  return { ...question, images: [image, ...question.images.slice(1)] };
}

(async () => {
  const sim = await simSolutionRecords({ questions: cfg.questions, seed: cfg.seed, rollouts: cfg.labelRollouts });
  const policy = new SimPolicy({});
  const labels: number[] = [];
  const oracle: number[] = [];
  const labelOracle: number[] = [];
  const observable: number[] = [];
  const kinds: string[] = [];
  for (const r of sim.records) {
    const question = generateQuestion(cfg.seed, r.meta['index'] as number);
    const problem = toProblem(question);
    const mc = new McPrm({ policy, isCorrect: (a) => isCorrect(a, question.answer, question), rollouts: cfg.rollouts, temperature: 0.8 });
    const errors = r.meta['errors'] as Array<{ step: string | null; siblings: Array<string | null> }>;
    const items: PrmItem[] = [];
    const exact: Array<number | null> = [];
    r.steps.forEach((step, t) => {
      const prefix = r.steps.slice(0, t).map((s) => s.text);
      const prefixClean = errors.slice(0, t).every((e) => e.step === null);
      const cands = [{ s: step, err: errors[t]?.step ?? null }, ...(step.siblings ?? []).map((s, k) => ({ s, err: errors[t]?.siblings[k] ?? null }))];
      for (const { s, err } of cands) {
        labels.push(s.value);
        labelOracle.push(prefixClean && err === null ? 1 : 0);
        kinds.push(stepKind(s.text));
        items.push({ problem, steps: prefix, candidate: s.text, terminal: s.terminal ?? false });
        exact.push(s.terminal ? s.value : null);
      }
    });
    const { scores } = await mc.score(items, { seed: hashSeed(777, 'ceiling', r.id) });
    items.forEach((_, i) => oracle.push(exact[i] ?? (scores[i] as number)));
    const hits = new Array<number>(items.length).fill(0);
    for (let j = 0; j < cfg.alt; j++) {
      const alt = underId(question, `${question.id}~alt${j}`);
      const altProblem = toProblem(alt);
      const altMc = new McPrm({ policy, isCorrect: (a) => isCorrect(a, question.answer, question), rollouts: cfg.labelRollouts, temperature: 0.8 });
      const altScores = (await altMc.score(items.map((it) => ({ ...it, problem: altProblem })), { seed: hashSeed(778, 'ceiling-alt', r.id, j) })).scores;
      altScores.forEach((v, i) => (hits[i] = (hits[i] as number) + ((v as number) > 0 ? 1 : 0)));
    }
    items.forEach((_, i) => observable.push(exact[i] ?? (hits[i] as number) / cfg.alt));
  }
  const f = (x: number | null) => (x === null ? '-' : x.toFixed(3));
  const byKind = (s: number[]) =>
    ['reading', 'arithmetic', 'compare', 'answer']
      .map((k) => {
        const idx = kinds.flatMap((x, i) => (x === k ? [i] : []));
        return `${k} ${f(stepAuroc(idx.map((i) => s[i] as number), idx.map((i) => labels[i] as number)))}`;
      })
      .join(' ');
  const out = {
    kind: 'label-ceiling',
    questions: cfg.questions,
    steps: labels.length,
    positives: labels.filter((v) => v > 0).length / labels.length,
    valueOracle: stepAuroc(oracle, labels),
    labelOracle: stepAuroc(labelOracle, labels),
    observableOracle: stepAuroc(observable, labels),
    alt: cfg.alt,
    rollouts: cfg.rollouts,
    labelRollouts: cfg.labelRollouts,
  };
  console.log(`${labels.length} steps (${(100 * out.positives).toFixed(1)}% v > 0, labels from M = ${cfg.labelRollouts})`);
  console.log(`value oracle (M = ${cfg.rollouts}, independent): auroc ${f(out.valueOracle)} | ${byKind(oracle)}`);
  console.log(`observable oracle (${cfg.alt} re-drawn ids x M = ${cfg.labelRollouts}): auroc ${f(out.observableOracle)} | ${byKind(observable)}`);
  console.log(`label oracle (simulator right/wrong):   auroc ${f(out.labelOracle)} | ${byKind(labelOracle)}`);
  if (cfg.dump) fs.writeFileSync(cfg.dump, JSON.stringify({ labels, oracle, observable, labelOracle, kinds }));
  fs.appendFileSync(path.join(__dirname, 'results.jsonl'), JSON.stringify({ ...out, at: new Date().toISOString() }) + '\n');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

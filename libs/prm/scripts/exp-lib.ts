/**
 * Experiment helpers (not library code): sim data with simulator labels, breakdown metrics of
 * image reading vs misreading, and text-only baselines.
 */
import { parseStep, type Step } from '@prmbas/tasks';
import { auroc, stepAuroc } from '../src/metrics/auroc';
import { pairAccuracy } from '../src/metrics/pair-accuracy';
import { buildRankPairs } from '../src/losses/rank-pairs';
import { simSolutionRecords, type SimRecordOptions } from '../src/multimodal/sim-records';
import { recordExamples, type RecordExample } from '../src/multimodal/records';
import type { MmFeaturizer } from '../src/multimodal/featurizer';
import { stepKind } from '../src/multimodal/evaluate';

export interface LabeledExample extends RecordExample {
  /** Simulator label of the candidate: null = right, else error kind. */
  error: string | null;
  /** All earlier steps right. */
  prefixClean: boolean;
  family: string;
  kind: string;
}

export async function labeledExamples(options: SimRecordOptions, featurizer: MmFeaturizer): Promise<LabeledExample[]> {
  const sim = await simSolutionRecords(options);
  const out: LabeledExample[] = [];
  for (const r of sim.records) {
    const errors = r.meta['errors'] as Array<{ step: string | null; siblings: Array<string | null> }>;
    const image = featurizer.image(sim.images.get(r.questionId) ?? null);
    for (const e of recordExamples(r, featurizer, image)) {
      const t = e.origin.step;
      const lab = errors[t] as { step: string | null; siblings: Array<string | null> };
      const error = e.origin.sibling < 0 ? lab.step : (lab.siblings[e.origin.sibling] ?? null);
      const prefixClean = errors.slice(0, t).every((x) => x.step === null);
      out.push({ ...e, error, prefixClean, family: String(r.meta['family']), kind: stepKind(e.origin.text) });
    }
  }
  return out;
}

export interface Breakdown {
  auroc: number | null;
  pairAccuracy: number | null;
  byKind: Record<string, number | null>;
  /** Clean prefix, candidate a bar read: right vs misread (perception error). */
  barRead: number | null;
  /** Clean prefix, candidate a shape count: right vs miscount. */
  shapeCount: number | null;
  /** Both of the above together. */
  reading: number | null;
  /** Reading steps incl. wrong-entity errors. */
  readingWithEntity: number | null;
  /** Clean prefix, arithmetic: right vs arithmetic/operation error. */
  arithmetic: number | null;
  /** Clean prefix, compare: right vs wrong winner. */
  compare: number | null;
  counts: Record<string, number>;
}

function subsetAuroc(scores: ArrayLike<number>, ex: readonly LabeledExample[], keep: (e: LabeledExample) => boolean): { auroc: number | null; n: number } {
  const idx = ex.flatMap((e, i) => (keep(e) ? [i] : []));
  return { auroc: auroc(idx.map((i) => scores[i] as number), idx.map((i) => (ex[i] as LabeledExample).error === null)), n: idx.length };
}

export function breakdown(scores: ArrayLike<number>, ex: readonly LabeledExample[]): Breakdown {
  const values = ex.map((e) => e.value);
  const pairs = buildRankPairs(ex.map((e) => e.group), values);
  const byKind: Record<string, number | null> = {};
  for (const kind of ['reading', 'arithmetic', 'compare', 'answer']) {
    const idx = ex.flatMap((e, i) => (e.kind === kind ? [i] : []));
    byKind[kind] = stepAuroc(idx.map((i) => scores[i] as number), idx.map((i) => values[i] as number));
  }
  const counts: Record<string, number> = {};
  const sub = (name: string, keep: (e: LabeledExample) => boolean) => {
    const r = subsetAuroc(scores, ex, keep);
    counts[name] = r.n;
    return r.auroc;
  };
  const readOk = (e: LabeledExample) => e.error === null || e.error === 'perception';
  return {
    auroc: stepAuroc(scores, values),
    pairAccuracy: pairAccuracy(scores, pairs),
    byKind,
    barRead: sub('barRead', (e) => e.prefixClean && e.kind === 'reading' && e.family === 'bars' && readOk(e)),
    shapeCount: sub('shapeCount', (e) => e.prefixClean && e.kind === 'reading' && e.family === 'shapes' && readOk(e)),
    reading: sub('reading', (e) => e.prefixClean && e.kind === 'reading' && readOk(e)),
    readingWithEntity: sub('readingWithEntity', (e) => e.prefixClean && e.kind === 'reading' && (readOk(e) || e.error === 'entity')),
    arithmetic: sub('arithmetic', (e) => e.prefixClean && e.kind === 'arithmetic' && (e.error === null || e.error === 'arithmetic' || e.error === 'operation')),
    compare: sub('compare', (e) => e.prefixClean && e.kind === 'compare'),
    counts,
  };
}

export function fmt(b: Breakdown): string {
  const f = (x: number | null) => (x === null ? '  -  ' : x.toFixed(3));
  return `auroc ${f(b.auroc)} pair ${f(b.pairAccuracy)} | read(bar ${f(b.barRead)} shape ${f(b.shapeCount)} all ${f(b.reading)} +ent ${f(b.readingWithEntity)}) arith ${f(b.arithmetic)} cmp ${f(b.compare)} | kinds ${Object.entries(b.byKind).map(([k, v]) => `${k} ${f(v)}`).join(' ')}`;
}

/** Text-only baselines: a template/position prior (mean training value by step kind, position and family), and that prior times a perfect arithmetic/comparison checker over prefix + candidate. */
export function textBaselines(train: readonly LabeledExample[], evalSet: readonly LabeledExample[]): { prior: number[]; priorArith: number[] } {
  const key = (e: LabeledExample) => `${e.kind}|${e.origin.step}|${e.family}|${e.origin.prefix.length}`;
  const sums = new Map<string, { s: number; n: number }>();
  for (const e of train) {
    const k = key(e);
    const cur = sums.get(k) ?? { s: 0, n: 0 };
    cur.s += e.value;
    cur.n += 1;
    sums.set(k, cur);
  }
  const mean = train.reduce((s, e) => s + e.value, 0) / Math.max(1, train.length);
  const prior = evalSet.map((e) => {
    const c = sums.get(key(e));
    return c ? c.s / c.n : mean;
  });
  const ok = (text: string): boolean => {
    const s: Step | null = parseStep(text);
    if (!s) return true;
    if (s.kind === 'add') return s.a + s.b === s.result;
    if (s.kind === 'subtract') return s.a - s.b === s.result;
    if (s.kind === 'multiply') return s.a * s.b === s.result;
    if (s.kind === 'compare') return s.relation === 'greater' ? s.a > s.b : s.a < s.b;
    return true;
  };
  const priorArith = evalSet.map((e, i) => ((prior[i] as number) + 1e-3) * ([...e.origin.prefix, e.origin.text].every(ok) ? 1 : 0.01));
  return { prior, priorArith };
}

/**
 * The simulated policy's distribution over its next step: the correct step and the erroneous
 * variants a multimodal model makes (misperception, wrong entity, wrong result, wrong operation,
 * wrong comparison), each with a probability mass. Some (question, step) pairs are SYSTEMATIC:
 * a wrong outcome is the mode, so greedy decoding errs there while sampling can still be right.
 */
import { hashSeed } from '@prmbas/search';
import {
  type ArithmeticKind,
  type Entity,
  type ProgramStep,
  type ShapeTarget,
  type Step,
  type SynthPayload,
  COLOR_NAMES,
  SHAPE_NAMES,
  applyArithmetic,
  countTarget,
  isArithmetic,
  nextCorrectStep,
  perceive,
  renderStep,
} from '@prmbas/tasks';
import type { SimPolicyConfig } from './sim-policy-config';

export type ErrorKind = 'perception' | 'entity' | 'arithmetic' | 'operation' | 'compare';

export interface StepOutcome {
  step: Step;
  text: string;
  /** null for the correct step. */
  error: ErrorKind | null;
  /** Probability at temperature 1. */
  mass: number;
}

export interface StepDistribution {
  /** Correct outcome first. */
  outcomes: StepOutcome[];
  /** Whether this (question, step) pair is a systematic error (a wrong mode). */
  systematic: boolean;
}

interface Variant {
  step: Step;
  kind: ErrorKind;
  /** Relative weight within its error kind. */
  weight: number;
}

/**
 * For a perception that feeds a comparison: a test whether stating `value` instead of the truth
 * changes the comparison's winner (others read right). The simulated model only makes
 * misperceptions that matter there — it confuses close things — so an error in a comparison
 * question leads to a wrong answer instead of merely widening a gap. null when the step feeds
 * no comparison.
 */
export function comparisonFlip(payload: SynthPayload, index: number): ((value: number) => boolean) | null {
  const compares = payload.program.filter((p): p is Extract<ProgramStep, { kind: 'compare' }> => p.kind === 'compare');
  const first = compares[0];
  if (!first) return null;
  const leaves = new Set<number>();
  const collect = (i: number): void => {
    const p = payload.program[i];
    if (p?.kind === 'compare') {
      collect(p.left);
      collect(p.right);
    } else if (p) leaves.add(i);
  };
  for (const c of compares) {
    collect(c.left);
    collect(c.right);
  }
  if (!leaves.has(index)) return null;
  const sign = first.mode === 'max' ? 1 : -1;
  const own = perceive(payload.scene, payload.program[index] as ProgramStep) * sign;
  const others = [...leaves].filter((i) => i !== index).map((i) => perceive(payload.scene, payload.program[i] as ProgramStep) * sign);
  const best = Math.max(...others);
  const final = payload.program[payload.program.length - 1];
  if (final?.kind === 'answer' && final.as === 'value') {
    // The answer is the extreme VALUE: the error matters when the extreme stated value changes.
    const truth = Math.max(own, best);
    return (value) => Math.max(value * sign, best) !== truth;
  }
  // The answer is the winning ENTITY; ties go against the true winner (see nextCorrectStep).
  return own > best ? (value) => value * sign <= best : (value) => value * sign >= best;
}

function perceptionVariants(correct: Step, deltas: ReadonlyArray<readonly [number, number]>): Variant[] {
  if (correct.kind !== 'count' && correct.kind !== 'read') return [];
  return deltas
    .filter(([d]) => correct.value + d >= 0)
    .map(([d, weight]) => ({ step: { ...correct, value: correct.value + d }, kind: 'perception' as const, weight }));
}

/** Groups a model could count instead: one attribute of the target changed, present in the scene. */
function countEntityVariants(payload: SynthPayload, target: ShapeTarget): Variant[] {
  if (payload.scene.kind !== 'shapes') return [];
  const scene = payload.scene;
  const alternatives: ShapeTarget[] = [];
  if (target.color) for (const color of COLOR_NAMES) if (color !== target.color) alternatives.push(target.shape ? { color, shape: target.shape } : { color });
  if (target.shape) for (const shape of SHAPE_NAMES) if (shape !== target.shape) alternatives.push(target.color ? { color: target.color, shape } : { shape });
  return alternatives
    .map((t) => ({ t, n: countTarget(scene, t) }))
    // Same-valued confusions would be errors with no consequence; leave them out so an error step
    // always states a wrong value.
    .filter(({ n }) => n > 0 && n !== countTarget(scene, target))
    .map(({ t, n }) => ({ step: { kind: 'count', target: t, value: n }, kind: 'entity' as const, weight: 1 }));
}

/** Bars a model could read instead; the neighbours of the asked bar are the likeliest. */
function readEntityVariants(payload: SynthPayload, color: string): Variant[] {
  if (payload.scene.kind !== 'bars') return [];
  const bars = payload.scene.bars;
  const at = bars.findIndex((b) => b.color === color);
  const value = bars[at]?.value;
  return bars
    .map((b, i) => ({ b, i }))
    .filter(({ b, i }) => i !== at && b.value !== value)
    .map(({ b, i }) => ({ step: { kind: 'read', color: b.color, value: b.value }, kind: 'entity' as const, weight: Math.abs(i - at) === 1 ? 2 : 1 }));
}

function arithmeticVariants(kind: ArithmeticKind, a: number, b: number): Variant[] {
  const result = applyArithmetic(kind, a, b);
  const slips: Array<[number, number]> = [[1, 2], [-1, 2], [2, 1], [-2, 1]];
  if (kind === 'multiply' && Math.abs(b) > 2) slips.push([b, 1], [-b, 1]);
  const out: Variant[] = slips.map(([d, weight]) => ({ step: { kind, a, b, result: result + d }, kind: 'arithmetic', weight }));
  const ops: Array<[ArithmeticKind, number, number]> =
    kind === 'add' ? [['subtract', a, b], ['multiply', a, b]]
    : kind === 'subtract' ? [['add', a, b], ['subtract', b, a]]
    : [['add', a, b]];
  for (const [k, x, y] of ops) out.push({ step: { kind: k, a: x, b: y, result: applyArithmetic(k, x, y) }, kind: 'operation', weight: 1 });
  return out;
}

function errorVariants(payload: SynthPayload, correct: Step, index: number): Variant[] {
  if (correct.kind === 'count' || correct.kind === 'read') {
    const variants = correct.kind === 'count'
      ? [...perceptionVariants(correct, [[-1, 2], [1, 2], [-2, 1], [2, 1]]), ...countEntityVariants(payload, correct.target)]
      : [...perceptionVariants(correct, [[-1, 2], [1, 2], [-2, 1], [2, 1]]), ...readEntityVariants(payload, correct.color)];
    // Plain counts miscount by one only; reading a bar may be off by two.
    const plain = correct.kind === 'count' ? variants.filter((v) => v.kind !== 'perception' || Math.abs((v.step as { value: number }).value - correct.value) === 1) : variants;
    const flips = comparisonFlip(payload, index);
    return flips ? variants.filter((v) => flips((v.step as { value: number }).value)) : plain;
  }
  if (isArithmetic(correct)) return arithmeticVariants(correct.kind, correct.a, correct.b);
  if (correct.kind === 'compare') {
    // At a tie (after a misperception) both winners fit the stated values; naming the other one is
    // no mistake of this step, so a tie has no error variant.
    if (correct.a === correct.b) return [];
    const flipped: Step = { ...correct, a: correct.b, b: correct.a, first: correct.second as Entity, second: correct.first as Entity };
    return [{ step: flipped, kind: 'compare', weight: 1 }];
  }
  return [];
}

function rateOf(kind: ErrorKind, config: SimPolicyConfig): number {
  const rates: Record<ErrorKind, number> = {
    perception: config.perceptionErrorRate,
    entity: config.entityErrorRate,
    arithmetic: config.arithmeticErrorRate,
    operation: config.operationErrorRate,
    compare: config.compareErrorRate,
  };
  return rates[kind] * (1 - config.capability);
}

/** Uniform in [0, 1) from a hash: decisions that must be stable per (question, step), not per sample. */
function unitHash(...parts: Array<string | number>): number {
  return hashSeed(...parts) / 4294967296;
}

/** The next-step distribution for a prefix that has stated `stated` (already parsed and checked). */
export function stepDistribution(payload: SynthPayload, stated: readonly Step[], config: SimPolicyConfig): StepDistribution {
  const correct = nextCorrectStep(payload, stated);
  const correctText = renderStep(correct);
  // Distinct error outcomes with their masses; a variant that renders like the correct step is no error.
  const errors = new Map<string, StepOutcome>();
  const variants = errorVariants(payload, correct, stated.length);
  const weightByKind = new Map<ErrorKind, number>();
  for (const v of variants) weightByKind.set(v.kind, (weightByKind.get(v.kind) ?? 0) + v.weight);
  for (const v of variants) {
    const text = renderStep(v.step);
    if (text === correctText) continue;
    const mass = (rateOf(v.kind, config) * v.weight) / (weightByKind.get(v.kind) as number);
    const seen = errors.get(text);
    if (seen) seen.mass += mass;
    else errors.set(text, { step: v.step, text, error: v.kind, mass });
  }
  const wrong = [...errors.values()].filter((o) => o.mass > 0);
  let errorMass = wrong.reduce((s, o) => s + o.mass, 0);
  if (errorMass > 0.95) {
    for (const o of wrong) o.mass *= 0.95 / errorMass;
    errorMass = 0.95;
  }
  const right: StepOutcome = { step: correct, text: correctText, error: null, mass: 1 - errorMass };
  // The step key is the correct step's text: it names the index-independent inputs (entity or
  // stated operands), so the same computation is systematically wrong wherever it recurs.
  const key = `${stated.length}|${correctText}`;
  const share = config.systematicShare * (1 - config.capability);
  const systematic = wrong.length > 0 && unitHash(payload.questionId, 'systematic', key) < share;
  if (systematic) {
    const pick = unitHash(payload.questionId, 'systematic-mode', key) * errorMass;
    let acc = 0;
    let mode = wrong[wrong.length - 1] as StepOutcome;
    for (const o of wrong) {
      acc += o.mass;
      if (pick < acc) {
        mode = o;
        break;
      }
    }
    const others = wrong.filter((o) => o !== mode);
    const otherMass = others.reduce((s, o) => s + o.mass, 0);
    const rest = 1 - config.systematicModeMass - config.systematicCorrectMass;
    for (const o of others) o.mass = otherMass > 0 ? (o.mass / otherMass) * rest : 0;
    mode.mass = config.systematicModeMass + (otherMass > 0 ? 0 : rest / 2);
    right.mass = config.systematicCorrectMass + (otherMass > 0 ? 0 : rest / 2);
  }
  return { outcomes: [right, ...wrong.filter((o) => o.mass > 0)], systematic };
}

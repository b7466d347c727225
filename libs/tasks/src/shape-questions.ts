/**
 * The shape-scene family: counting coloured shapes and combining the counts.
 */
import type { Rng } from '@prmbas/search';
import { placeShapes, SHAPE_SCENE_DEFAULTS, type ShapeSceneConfig } from './shape-scene';
import type { Entity } from './step-grammar';
import type { ProgramStep, ShapeScene } from './synth-program';
import {
  COLOR_NAMES,
  SHAPE_NAMES,
  type ColorName,
  type ShapeName,
  type ShapeTarget,
  disjointTargets,
  matchesTarget,
  sameTarget,
  targetPhrase,
  targetSingular,
} from './synth-entities';
import {
  type Difficulty,
  type QuestionDraft,
  type TemplateSpec,
  closeDistinctValues,
  drawConstants,
  isCompareTemplate,
  pickTemplate,
  templatesFor,
} from './question-templates';

export const SHAPE_QUESTION_DEFAULTS = {
  /** [min, max] objects per counted group, by difficulty (harder: bigger counts to miscount). */
  countRange: { 1: [1, 4], 2: [1, 5], 3: [2, 6] } as Record<Difficulty, readonly [number, number]>,
  /** [min, max] objects matching no counted group, by difficulty. */
  distractorRange: { 1: [1, 3], 2: [2, 4], 3: [2, 5] } as Record<Difficulty, readonly [number, number]>,
  /** Share of counted groups named by colour only ("red shapes"). */
  colorOnlyShare: 0.08,
  /** Share of counted groups named by shape only ("circles"). */
  shapeOnlyShare: 0.05,
  scene: SHAPE_SCENE_DEFAULTS as ShapeSceneConfig,
};
export type ShapeQuestionConfig = typeof SHAPE_QUESTION_DEFAULTS;

function drawTarget(rng: Rng, config: ShapeQuestionConfig): ShapeTarget {
  const r = rng.next();
  if (r < config.colorOnlyShare) return { color: rng.pick(COLOR_NAMES) };
  if (r < config.colorOnlyShare + config.shapeOnlyShare) return { shape: rng.pick(SHAPE_NAMES) };
  return { color: rng.pick(COLOR_NAMES), shape: rng.pick(SHAPE_NAMES) };
}

/** `n` pairwise disjoint targets, so every object belongs to at most one counted group. */
function drawTargets(rng: Rng, n: number, config: ShapeQuestionConfig): ShapeTarget[] {
  const targets: ShapeTarget[] = [];
  for (let tries = 0; targets.length < n; tries++) {
    if (tries > 1000) throw new Error('could not draw disjoint shape targets');
    const t = drawTarget(rng, config);
    if (targets.every((u) => !sameTarget(t, u) && disjointTargets(t, u))) targets.push(t);
  }
  return targets;
}

function objectFor(rng: Rng, target: ShapeTarget): { color: ColorName; shape: ShapeName } {
  return { color: target.color ?? rng.pick(COLOR_NAMES), shape: target.shape ?? rng.pick(SHAPE_NAMES) };
}

function wording(spec: TemplateSpec, targets: ShapeTarget[], k: number[]): { question: string; choices?: string[] } {
  const n = targets.map(targetPhrase);
  const s = targets.map(targetSingular);
  const num = (i: number) => `the number of ${n[i]}`;
  switch (spec.name) {
    case 'sum': return { question: `How many ${n[0]} and ${n[1]} are there in total?` };
    case 'difference': return { question: `How many more ${n[0]} than ${n[1]} are there?` };
    case 'add-constant': return { question: `If ${k[0]} more ${n[0]} were added, how many ${n[0]} would there be?` };
    case 'times-constant': return { question: `Each ${s[0]} is worth ${k[0]} points. How many points are the ${n[0]} worth in total?` };
    case 'more': return { question: `Are there more ${n[0]} or more ${n[1]}?`, choices: n };
    case 'sum-times': return { question: `Add ${num(0)} to ${num(1)}, then multiply the total by ${k[0]}. What is the result?` };
    case 'sum-minus': return { question: `Take ${num(0)} plus ${num(1)}, then subtract ${num(2)}. What is the result?` };
    case 'weighted': return { question: `Each ${s[0]} is worth ${k[0]} points and each ${s[1]} is worth ${k[1]} points. How many points are there in total?` };
    case 'most': return { question: 'Which group has the most objects?', choices: n };
    case 'fewest': return { question: 'Which group has the fewest objects?', choices: n };
    case 'sum3-minus': return { question: `Take ${num(0)}, add ${num(1)} and ${num(2)}, then subtract ${num(3)}. What is the result?` };
    case 'sum-minus-times': return { question: `Take ${num(0)} plus ${num(1)}, subtract ${num(2)}, then multiply the result by ${k[0]}. What is the result?` };
    case 'diff-times-plus': return { question: `Subtract ${num(1)} from ${num(0)}, multiply the difference by ${k[0]}, then add ${num(2)}. What is the result?` };
    default: throw new Error(`template ${spec.name} has no shape wording`);
  }
}

export interface ShapeQuestion {
  scene: ShapeScene;
  draft: QuestionDraft;
  choiceEntities?: Entity[];
}

/** One candidate shape question (the caller checks it is well posed and retries if not). */
export function draftShapeQuestion(rng: Rng, difficulty: Difficulty, width: number, height: number, config: ShapeQuestionConfig = SHAPE_QUESTION_DEFAULTS): ShapeQuestion {
  const spec = pickTemplate(templatesFor(difficulty, 'shapes'), rng);
  const targets = drawTargets(rng, spec.reads, config);
  const k = drawConstants(spec, rng);
  const [cLo, cHi] = config.countRange[difficulty];
  const counts = isCompareTemplate(spec) ? closeDistinctValues(rng, targets.length, cLo, cHi) : targets.map(() => rng.int(cLo, cHi));
  const items: Array<{ color: ColorName; shape: ShapeName }> = [];
  targets.forEach((t, k) => {
    for (let i = 0; i < (counts[k] as number); i++) items.push(objectFor(rng, t));
  });
  const [dLo, dHi] = config.distractorRange[difficulty];
  const distractors = rng.int(dLo, dHi);
  for (let i = 0, tries = 0; i < distractors && tries < 100; tries++) {
    const o = { color: rng.pick(COLOR_NAMES), shape: rng.pick(SHAPE_NAMES) };
    if (targets.some((t) => matchesTarget(o, t))) continue;
    items.push(o);
    i++;
  }
  const scene = placeShapes(rng, width, height, rng.shuffle(items), config.scene);
  const reads: ProgramStep[] = targets.map((target) => ({ kind: 'count', target }));
  const words = wording(spec, targets, k);
  const draft: QuestionDraft = { template: spec.name, question: words.question, program: spec.program(reads, k) };
  if (words.choices) draft.choices = words.choices;
  const out: ShapeQuestion = { scene, draft };
  if (spec.choice) out.choiceEntities = targets.map((target) => ({ kind: 'shapes', target }));
  return out;
}

/**
 * A synthetic question's structured program: which things to perceive and how to combine them.
 * The same program yields the reference solution (with the true perceptions) and, for the
 * simulated policy, the correct continuation of ANY prefix: arithmetic and comparisons always
 * take the values the earlier steps STATED, so an earlier error carries through.
 */
import type { ColorName, ShapeName, ShapeTarget } from './synth-entities';
import { matchesTarget } from './synth-entities';
import {
  type ArithmeticKind,
  type Entity,
  type Step,
  applyArithmetic,
  isArithmetic,
} from './step-grammar';

export interface ShapeObject {
  shape: ShapeName;
  color: ColorName;
  /** Centre, in pixels. */
  x: number;
  y: number;
  /** Half the object's extent (radius for circles), in pixels. */
  size: number;
}

export interface ShapeScene {
  kind: 'shapes';
  width: number;
  height: number;
  objects: ShapeObject[];
}

export interface Bar {
  color: ColorName;
  value: number;
}

export interface BarChart {
  kind: 'bars';
  width: number;
  height: number;
  /** The y axis runs from 0 to yMax. */
  yMax: number;
  bars: Bar[];
}

export type Scene = ShapeScene | BarChart;

/** An operand: the value stated by an earlier step (`ref` = its index) or a constant. */
export type Operand = { ref: number } | { value: number };

export type ProgramStep =
  | { kind: 'count'; target: ShapeTarget }
  | { kind: 'read'; color: ColorName }
  | { kind: ArithmeticKind; left: Operand; right: Operand }
  /** Keep the larger (max) or smaller (min) of two earlier perceptions/comparisons. */
  | { kind: 'compare'; mode: 'max' | 'min'; left: number; right: number }
  /** `choice`: answer with the letter of the entity the referenced comparison chose. */
  | { kind: 'answer'; from: number; as: 'value' | 'choice' };

/** What the synth PNG chunk carries: the scene, the program and the choice entities. */
export interface SynthPayload {
  version: 1;
  questionId: string;
  scene: Scene;
  program: ProgramStep[];
  /** For choice questions: the entity behind option i (letter 'A' + i). */
  choiceEntities?: Entity[];
}

export function sameEntity(a: Entity, b: Entity): boolean {
  if (a.kind === 'bar') return b.kind === 'bar' && a.color === b.color;
  return b.kind === 'shapes' && a.target.color === b.target.color && a.target.shape === b.target.shape;
}

export function countTarget(scene: ShapeScene, target: ShapeTarget): number {
  return scene.objects.filter((o) => matchesTarget(o, target)).length;
}

export function barValue(chart: BarChart, color: ColorName): number {
  const bar = chart.bars.find((b) => b.color === color);
  if (!bar) throw new Error(`bar chart has no ${color} bar`);
  return bar.value;
}

/** The true value a perception step of the program should report. */
export function perceive(scene: Scene, step: ProgramStep): number {
  if (step.kind === 'count' && scene.kind === 'shapes') return countTarget(scene, step.target);
  if (step.kind === 'read' && scene.kind === 'bars') return barValue(scene, step.color);
  throw new Error(`program step "${step.kind}" is not a perception of a ${scene.kind} scene`);
}

/** The true count or bar value of an entity. */
export function entityTruth(scene: Scene, entity: Entity): number {
  if (entity.kind === 'bar' && scene.kind === 'bars') return barValue(scene, entity.color);
  if (entity.kind === 'shapes' && scene.kind === 'shapes') return countTarget(scene, entity.target);
  throw new Error(`a ${entity.kind} entity does not belong to a ${scene.kind} scene`);
}

/** The entity a perception or comparison step is about, as the program names it. */
export function programEntity(program: readonly ProgramStep[], index: number): Entity {
  const step = program[index];
  if (!step) throw new Error(`program has no step ${index}`);
  if (step.kind === 'count') return { kind: 'shapes', target: step.target };
  if (step.kind === 'read') return { kind: 'bar', color: step.color };
  throw new Error(`program step ${index} (${step.kind}) names no entity`);
}

/** The number a stated step contributes to later steps. */
export function statedValue(step: Step): number {
  if (step.kind === 'count' || step.kind === 'read') return step.value;
  if (isArithmetic(step)) return step.result;
  if (step.kind === 'compare') return step.a;
  const n = Number(step.answer);
  return Number.isFinite(n) ? n : NaN;
}

/**
 * The (value, entity) a reference to step `ref` carries: perceptions carry the program's entity
 * (a model comparing "red circles with blue squares" names the groups of the question even after
 * miscounting one), comparisons carry the entity they declared the winner.
 */
export function statedOperand(program: readonly ProgramStep[], stated: readonly Step[], ref: number): { value: number; entity: Entity | null } {
  const step = stated[ref];
  if (!step) throw new Error(`step ${ref} has not been stated yet`);
  if (step.kind === 'compare') return { value: step.a, entity: step.first };
  const p = program[ref];
  const entity = p && (p.kind === 'count' || p.kind === 'read') ? programEntity(program, ref) : null;
  return { value: statedValue(step), entity };
}

function operandValue(program: readonly ProgramStep[], stated: readonly Step[], operand: Operand): number {
  return 'ref' in operand ? statedOperand(program, stated, operand.ref).value : operand.value;
}

/** Whether a stated step has the form the program expects at its index (perception, arithmetic, ...). */
export function stepFitsProgram(programStep: ProgramStep, step: Step): boolean {
  if (programStep.kind === 'count' || programStep.kind === 'read' || programStep.kind === 'compare') {
    return step.kind === programStep.kind;
  }
  if (programStep.kind === 'answer') return step.kind === 'answer';
  return isArithmetic(step);
}

/** The letter of an entity among the choices, or null when it is none of them. */
export function choiceLetter(payload: SynthPayload, entity: Entity | null): string | null {
  if (!entity || !payload.choiceEntities) return null;
  const i = payload.choiceEntities.findIndex((e) => sameEntity(e, entity));
  return i < 0 ? null : String.fromCharCode(65 + i);
}

/**
 * The correct step at index `stated.length`, given what the earlier steps stated (true
 * perceptions, arithmetic and comparisons done right on the stated values).
 */
export function nextCorrectStep(payload: SynthPayload, stated: readonly Step[]): Step {
  const { program, scene } = payload;
  const index = stated.length;
  const step = program[index];
  if (!step) throw new Error(`question ${payload.questionId}: the solution is already complete (${program.length} steps)`);
  switch (step.kind) {
    case 'count':
      return { kind: 'count', target: step.target, value: perceive(scene, step) };
    case 'read':
      return { kind: 'read', color: step.color, value: perceive(scene, step) };
    case 'add':
    case 'subtract':
    case 'multiply': {
      const a = operandValue(program, stated, step.left);
      const b = operandValue(program, stated, step.right);
      return { kind: step.kind, a, b, result: applyArithmetic(step.kind, a, b) };
    }
    case 'compare': {
      const l = statedOperand(program, stated, step.left);
      const r = statedOperand(program, stated, step.right);
      if (!l.entity || !r.entity) throw new Error(`question ${payload.questionId}: compare step ${index} refers to a step without an entity`);
      let leftWins = step.mode === 'max' ? l.value > r.value : l.value < r.value;
      if (l.value === r.value) {
        // A tie is only possible after a misperception (true values are distinct). Both winners
        // fit the stated values; take the one that is truly NOT the winner, so the mistake is not
        // silently undone by the tie-break and an erroneous prefix keeps its wrong answer.
        const tl = entityTruth(scene, l.entity);
        const tr = entityTruth(scene, r.entity);
        leftWins = step.mode === 'max' ? tl < tr : tl > tr;
      }
      const [w, o] = leftWins ? [l, r] : [r, l];
      return { kind: 'compare', a: w.value, b: o.value, relation: step.mode === 'max' ? 'greater' : 'less', first: w.entity as Entity, second: o.entity as Entity };
    }
    case 'answer':
      return answerFrom(payload, stated, step.from, step.as);
  }
}

function answerFrom(payload: SynthPayload, stated: readonly Step[], from: number, as: 'value' | 'choice'): Step {
  const op = statedOperand(payload.program, stated, from);
  if (as === 'choice') {
    return { kind: 'answer', answer: choiceLetter(payload, op.entity) ?? 'A', isChoice: true };
  }
  return { kind: 'answer', answer: String(op.value), isChoice: false };
}

/**
 * A final answer from whatever the prefix has stated so far (the search asks for one at its
 * maximum depth): the latest value, or for choice questions the entity the latest comparison
 * chose, else the best stated perception among the choices.
 */
export function earlyAnswer(payload: SynthPayload, stated: readonly Step[]): Step {
  const final = payload.program[payload.program.length - 1];
  const asChoice = final?.kind === 'answer' && final.as === 'choice';
  if (stated.length === 0) return { kind: 'answer', answer: asChoice ? 'A' : '0', isChoice: asChoice };
  if (!asChoice) return answerFrom(payload, stated, stated.length - 1, 'value');
  for (let i = stated.length - 1; i >= 0; i--) {
    if (stated[i]?.kind === 'compare') return answerFrom(payload, stated, i, 'choice');
  }
  const mode = payload.program.find((p) => p.kind === 'compare');
  let best: { value: number; letter: string } | null = null;
  for (let i = 0; i < stated.length; i++) {
    const op = statedOperand(payload.program, stated, i);
    const letter = choiceLetter(payload, op.entity);
    if (!letter) continue;
    const better = !best || (mode?.kind === 'compare' && mode.mode === 'min' ? op.value < best.value : op.value > best.value);
    if (better) best = { value: op.value, letter };
  }
  return { kind: 'answer', answer: best?.letter ?? 'A', isChoice: true };
}

/** The correct solution of a payload: every step right. */
export function solvePayload(payload: SynthPayload): Step[] {
  const steps: Step[] = [];
  while (steps.length < payload.program.length) steps.push(nextCorrectStep(payload, steps));
  return steps;
}

/**
 * The step grammar of the synthetic suite: every reasoning step is one sentence from a fixed set
 * of templates. A wrong step uses exactly the wording of a right one (only numbers or entity names
 * differ), so a step scorer cannot tell errors from their phrasing.
 */
import {
  type ColorName,
  type ShapeTarget,
  isColorName,
  parseTargetPhrase,
  targetPhrase,
} from './synth-entities';

/** Separates the steps of a solution shown as one text (PRM-BAS's default step delimiter). */
export const STEP_DELIMITER = '\n\n';

/** Something a comparison talks about: a group of shapes or one bar. */
export type Entity = { kind: 'shapes'; target: ShapeTarget } | { kind: 'bar'; color: ColorName };

export type ArithmeticKind = 'add' | 'subtract' | 'multiply';
export const ARITHMETIC_KINDS: readonly ArithmeticKind[] = ['add', 'subtract', 'multiply'];

export type CountStep = { kind: 'count'; target: ShapeTarget; value: number };
export type ReadStep = { kind: 'read'; color: ColorName; value: number };
export type ArithmeticStep = { kind: ArithmeticKind; a: number; b: number; result: number };
/** "a is <relation> than b, so <first> is more/taller (or fewer/shorter) than <second>". */
export type CompareStep = {
  kind: 'compare';
  a: number;
  b: number;
  relation: 'greater' | 'less';
  first: Entity;
  second: Entity;
};
/** `answer` is a choice letter when `isChoice`, else the value as written. */
export type AnswerStep = { kind: 'answer'; answer: string; isChoice: boolean };

export type Step = CountStep | ReadStep | ArithmeticStep | CompareStep | AnswerStep;

const OPERATOR: Record<ArithmeticKind, string> = { add: '+', subtract: '-', multiply: '×' };
const VERB: Record<ArithmeticKind, string> = { add: 'Add', subtract: 'Subtract', multiply: 'Multiply' };

export function isArithmetic(step: Step): step is ArithmeticStep {
  return step.kind === 'add' || step.kind === 'subtract' || step.kind === 'multiply';
}

export function applyArithmetic(kind: ArithmeticKind, a: number, b: number): number {
  if (kind === 'add') return a + b;
  if (kind === 'subtract') return a - b;
  return a * b;
}

export function formatNumber(value: number): string {
  // Round away float noise (0.1 + 0.2) so texts stay short and parse back to the same number.
  return String(Number.isInteger(value) ? value : Number(value.toFixed(6)));
}

function entityPhrase(entity: Entity): string {
  return entity.kind === 'bar' ? `the ${entity.color} bar` : targetPhrase(entity.target);
}

export function renderStep(step: Step): string {
  switch (step.kind) {
    case 'count': {
      const verb = step.value === 1 ? 'is' : 'are';
      return `Count the ${targetPhrase(step.target)}: there ${verb} ${formatNumber(step.value)}.`;
    }
    case 'read':
      return `Read the ${step.color} bar: its value is ${formatNumber(step.value)}.`;
    case 'add':
    case 'subtract':
    case 'multiply':
      return `${VERB[step.kind]}: ${formatNumber(step.a)} ${OPERATOR[step.kind]} ${formatNumber(step.b)} = ${formatNumber(step.result)}.`;
    case 'compare': {
      const head = `Compare: ${formatNumber(step.a)} is ${step.relation} than ${formatNumber(step.b)}, so`;
      const greater = step.relation === 'greater';
      if (step.first.kind === 'bar') {
        return `${head} ${entityPhrase(step.first)} is ${greater ? 'taller' : 'shorter'} than ${entityPhrase(step.second)}.`;
      }
      return `${head} there are ${greater ? 'more' : 'fewer'} ${entityPhrase(step.first)} than ${entityPhrase(step.second)}.`;
    }
    case 'answer':
      return step.isChoice ? `The answer is (${step.answer}).` : `The answer is ${step.answer}.`;
  }
}

const NUM = '(-?\\d+(?:\\.\\d+)?)';
const COUNT_RE = new RegExp(`^count the ([a-z ]+?): there (?:is|are) ${NUM}\\.?$`, 'i');
const READ_RE = new RegExp(`^read the ([a-z]+) bar: its value is ${NUM}\\.?$`, 'i');
const ARITH_RE = new RegExp(`^(add|subtract|multiply): ${NUM} ([-+×x*]) ${NUM} = ${NUM}\\.?$`, 'i');
const COMPARE_HEAD = `^compare: ${NUM} is (greater|less) than ${NUM}, so `;
const COMPARE_BAR_RE = new RegExp(`${COMPARE_HEAD}the ([a-z]+) bar is (taller|shorter) than the ([a-z]+) bar\\.?$`, 'i');
const COMPARE_SHAPES_RE = new RegExp(`${COMPARE_HEAD}there are (more|fewer) ([a-z ]+?) than ([a-z ]+?)\\.?$`, 'i');
const ANSWER_RE = /^the (?:final )?answer is\s*(?:\(([A-Z])\)|(.+?))\.?$/i;

const OPERATOR_KIND: Record<string, ArithmeticKind> = { '+': 'add', '-': 'subtract', '×': 'multiply', x: 'multiply', '*': 'multiply' };

/**
 * Inverse of `renderStep`: the structured step, or null when the text is not a sentence of the
 * grammar (or is self-contradictory in form, e.g. "Add: 3 - 2 = 1").
 */
export function parseStep(text: string): Step | null {
  const t = text.trim().replace(/\s+/g, ' ');
  let m = COUNT_RE.exec(t);
  if (m) {
    const target = parseTargetPhrase(m[1] as string);
    return target ? { kind: 'count', target, value: Number(m[2]) } : null;
  }
  m = READ_RE.exec(t);
  if (m) {
    const color = (m[1] as string).toLowerCase();
    return isColorName(color) ? { kind: 'read', color, value: Number(m[2]) } : null;
  }
  m = ARITH_RE.exec(t);
  if (m) {
    const kind = (m[1] as string).toLowerCase() as ArithmeticKind;
    if (OPERATOR_KIND[(m[3] as string).toLowerCase()] !== kind) return null;
    return { kind, a: Number(m[2]), b: Number(m[4]), result: Number(m[5]) };
  }
  m = COMPARE_BAR_RE.exec(t);
  if (m) {
    const relation = (m[2] as string).toLowerCase() as 'greater' | 'less';
    const [c1, c2] = [(m[4] as string).toLowerCase(), (m[6] as string).toLowerCase()];
    const word = (m[5] as string).toLowerCase();
    if (!isColorName(c1) || !isColorName(c2) || word !== (relation === 'greater' ? 'taller' : 'shorter')) return null;
    return { kind: 'compare', a: Number(m[1]), b: Number(m[3]), relation, first: { kind: 'bar', color: c1 }, second: { kind: 'bar', color: c2 } };
  }
  m = COMPARE_SHAPES_RE.exec(t);
  if (m) {
    const relation = (m[2] as string).toLowerCase() as 'greater' | 'less';
    const word = (m[4] as string).toLowerCase();
    const t1 = parseTargetPhrase(m[5] as string);
    const t2 = parseTargetPhrase(m[6] as string);
    if (!t1 || !t2 || word !== (relation === 'greater' ? 'more' : 'fewer')) return null;
    return { kind: 'compare', a: Number(m[1]), b: Number(m[3]), relation, first: { kind: 'shapes', target: t1 }, second: { kind: 'shapes', target: t2 } };
  }
  m = ANSWER_RE.exec(t);
  if (m) {
    if (m[1] !== undefined) return { kind: 'answer', answer: m[1].toUpperCase(), isChoice: true };
    return { kind: 'answer', answer: (m[2] as string).trim(), isChoice: false };
  }
  return null;
}

/** Join steps into one solution text, as a policy would emit them. */
export function solutionText(steps: readonly Step[]): string {
  return steps.map(renderStep).join(STEP_DELIMITER);
}

/**
 * The question templates shared by both synthetic families: each is a program shape over k
 * perceptions (counts or bar reads) and a few constants. The families only supply wording and
 * the scenes. Step counts: reads + operations + 1 answer step, 3 to 8.
 */
import type { Operand, ProgramStep } from './synth-program';

export type Difficulty = 1 | 2 | 3;
export const DIFFICULTIES: readonly Difficulty[] = [1, 2, 3];

export type TemplateName =
  | 'sum' | 'difference' | 'add-constant' | 'times-constant' | 'product' | 'more'
  | 'sum-times' | 'sum-minus' | 'weighted' | 'product-minus' | 'most' | 'fewest' | 'largest' | 'smallest'
  | 'sum3-minus' | 'sum-minus-times' | 'diff-times-plus';

export interface TemplateSpec {
  name: TemplateName;
  /** Number of perception steps (distinct entities). */
  reads: number;
  /** Constants the wording mentions, each drawn from its [min, max]. */
  constants: ReadonlyArray<readonly [number, number]>;
  /** Answer is a choice letter. */
  choice: boolean;
  /** The program, given the perception steps (in order) and the constants. */
  program(reads: ProgramStep[], k: number[]): ProgramStep[];
  /** Relative frequency within its difficulty level. */
  weight: number;
}

const ref = (i: number): Operand => ({ ref: i });
const val = (v: number): Operand => ({ value: v });

function k0(k: number[]): number {
  return k[0] as number;
}

/** n reads, then a chain of pairwise comparisons keeping the winner, then the answer. */
function compareChain(reads: ProgramStep[], mode: 'max' | 'min', as: 'value' | 'choice'): ProgramStep[] {
  const program = reads.slice();
  let left = 0;
  for (let i = 1; i < reads.length; i++) {
    program.push({ kind: 'compare', mode, left, right: i });
    left = program.length - 1;
  }
  program.push({ kind: 'answer', from: left, as });
  return program;
}

function compareSpec(name: TemplateName, reads: number, mode: 'max' | 'min', as: 'value' | 'choice', weight: number): TemplateSpec {
  return { name, reads, constants: [], choice: as === 'choice', weight, program: (r) => compareChain(r, mode, as) };
}

const MULTIPLIER: readonly [number, number] = [2, 4];

/** Template specs per difficulty. `family` drops templates whose wording would be unnatural. */
export function templatesFor(difficulty: Difficulty, family: 'shapes' | 'bars'): TemplateSpec[] {
  const all: Array<TemplateSpec & { families?: ReadonlyArray<'shapes' | 'bars'>; difficulty: Difficulty }> = [
    // difficulty 1: 3-4 steps
    { difficulty: 1, name: 'sum', reads: 2, constants: [], choice: false, weight: 2, program: (r) => [...r, { kind: 'add', left: ref(0), right: ref(1) }, { kind: 'answer', from: 2, as: 'value' }] },
    { difficulty: 1, name: 'difference', reads: 2, constants: [], choice: false, weight: 2, program: (r) => [...r, { kind: 'subtract', left: ref(0), right: ref(1) }, { kind: 'answer', from: 2, as: 'value' }] },
    { difficulty: 1, name: 'add-constant', reads: 1, constants: [[2, 6]], choice: false, weight: 1, program: (r, k) => [...r, { kind: 'add', left: ref(0), right: val(k0(k)) }, { kind: 'answer', from: 1, as: 'value' }] },
    { difficulty: 1, name: 'times-constant', reads: 1, constants: [MULTIPLIER], choice: false, weight: 1, program: (r, k) => [...r, { kind: 'multiply', left: ref(0), right: val(k0(k)) }, { kind: 'answer', from: 1, as: 'value' }] },
    { difficulty: 1, families: ['bars'], name: 'product', reads: 2, constants: [], choice: false, weight: 1, program: (r) => [...r, { kind: 'multiply', left: ref(0), right: ref(1) }, { kind: 'answer', from: 2, as: 'value' }] },
    { difficulty: 1, ...compareSpec('more', 2, 'max', 'choice', 1) },
    // difficulty 2: 5-6 steps
    { difficulty: 2, name: 'sum-times', reads: 2, constants: [MULTIPLIER], choice: false, weight: 2, program: (r, k) => [...r, { kind: 'add', left: ref(0), right: ref(1) }, { kind: 'multiply', left: ref(2), right: val(k0(k)) }, { kind: 'answer', from: 3, as: 'value' }] },
    { difficulty: 2, name: 'sum-minus', reads: 3, constants: [], choice: false, weight: 2, program: (r) => [...r, { kind: 'add', left: ref(0), right: ref(1) }, { kind: 'subtract', left: ref(3), right: ref(2) }, { kind: 'answer', from: 4, as: 'value' }] },
    { difficulty: 2, families: ['shapes'], name: 'weighted', reads: 2, constants: [[2, 5], [2, 5]], choice: false, weight: 2, program: (r, k) => [...r, { kind: 'multiply', left: ref(0), right: val(k0(k)) }, { kind: 'multiply', left: ref(1), right: val(k[1] as number) }, { kind: 'add', left: ref(2), right: ref(3) }, { kind: 'answer', from: 4, as: 'value' }] },
    { difficulty: 2, families: ['bars'], name: 'product-minus', reads: 3, constants: [], choice: false, weight: 2, program: (r) => [...r, { kind: 'multiply', left: ref(0), right: ref(1) }, { kind: 'subtract', left: ref(3), right: ref(2) }, { kind: 'answer', from: 4, as: 'value' }] },
    { difficulty: 2, ...compareSpec('most', 3, 'max', 'choice', 1) },
    { difficulty: 2, ...compareSpec('fewest', 3, 'min', 'choice', 1) },
    { difficulty: 2, families: ['bars'], ...compareSpec('largest', 3, 'max', 'value', 1) },
    // difficulty 3: 7-8 steps
    { difficulty: 3, name: 'sum3-minus', reads: 4, constants: [], choice: false, weight: 2, program: (r) => [...r, { kind: 'add', left: ref(0), right: ref(1) }, { kind: 'add', left: ref(4), right: ref(2) }, { kind: 'subtract', left: ref(5), right: ref(3) }, { kind: 'answer', from: 6, as: 'value' }] },
    { difficulty: 3, name: 'sum-minus-times', reads: 3, constants: [MULTIPLIER], choice: false, weight: 2, program: (r, k) => [...r, { kind: 'add', left: ref(0), right: ref(1) }, { kind: 'subtract', left: ref(3), right: ref(2) }, { kind: 'multiply', left: ref(4), right: val(k0(k)) }, { kind: 'answer', from: 5, as: 'value' }] },
    { difficulty: 3, name: 'diff-times-plus', reads: 3, constants: [MULTIPLIER], choice: false, weight: 2, program: (r, k) => [...r, { kind: 'subtract', left: ref(0), right: ref(1) }, { kind: 'multiply', left: ref(3), right: val(k0(k)) }, { kind: 'add', left: ref(4), right: ref(2) }, { kind: 'answer', from: 5, as: 'value' }] },
    { difficulty: 3, ...compareSpec('most', 4, 'max', 'choice', 1) },
    { difficulty: 3, ...compareSpec('fewest', 4, 'min', 'choice', 1) },
    { difficulty: 3, families: ['bars'], ...compareSpec('smallest', 4, 'min', 'value', 1) },
  ];
  return all.filter((t) => t.difficulty === difficulty && (!t.families || t.families.includes(family)));
}

/** A generated question before rendering: its scene, program and wording. */
export interface QuestionDraft {
  template: TemplateName;
  /** The bare question (without the answer-format hint or the choices). */
  question: string;
  program: ProgramStep[];
  /** Option texts of a choice question; the entity behind option i is `choiceEntities[i]`. */
  choices?: string[];
}

/** Weighted pick of a template. */
export function pickTemplate(specs: readonly TemplateSpec[], rng: { weighted(w: readonly number[]): number }): TemplateSpec {
  return specs[rng.weighted(specs.map((s) => s.weight))] as TemplateSpec;
}

/** Draw each constant of a template uniformly from its range. */
export function drawConstants(spec: TemplateSpec, rng: { int(a: number, b: number): number }): number[] {
  return spec.constants.map(([lo, hi]) => rng.int(lo, hi));
}

/** "red, blue and green" */
export function listPhrase(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const COMPARE_TEMPLATES: ReadonlySet<TemplateName> = new Set<TemplateName>(['more', 'most', 'fewest', 'largest', 'smallest']);

/** Whether a template compares its perceptions (most/fewest/largest/...). */
export function isCompareTemplate(spec: TemplateSpec): boolean {
  return COMPARE_TEMPLATES.has(spec.name);
}

/**
 * `n` consecutive distinct integers inside [lo, hi], in random order. Comparison questions use
 * close values: that is what makes them worth asking, and it makes a misperception of one unit
 * change (or tie) the winner often instead of rarely.
 */
export function closeDistinctValues(rng: { int(a: number, b: number): number; shuffle<T>(xs: readonly T[]): T[] }, n: number, lo: number, hi: number): number[] {
  const window = n;
  if (hi - lo + 1 < n) throw new Error(`cannot draw ${n} distinct values from [${lo}, ${hi}]`);
  const start = rng.int(lo, hi - window + 1);
  return rng.shuffle(Array.from({ length: window }, (_, i) => start + i));
}

/**
 * `synth`: the built-in procedurally generated multimodal suite. Pure: the same (seed, index,
 * options) always gives the same question and byte-identical PNG.
 */
import { Rng, hashSeed } from '@prmbas/search';
import { BAR_CHART_DEFAULTS, renderBarChart, type BarChartConfig } from './bar-chart';
import { CHART_QUESTION_DEFAULTS, draftChartQuestion, type ChartQuestionConfig } from './chart-questions';
import { buildQuery } from './mathvista-query';
import type { Question } from './question';
import { DIFFICULTIES, type Difficulty, type QuestionDraft } from './question-templates';
import { renderShapeScene } from './shape-scene';
import { SHAPE_QUESTION_DEFAULTS, draftShapeQuestion, type ShapeQuestionConfig } from './shape-questions';
import { type Step, isArithmetic } from './step-grammar';
import { attachSynthPayload } from './synth-payload';
import { type Scene, type SynthPayload, solvePayload } from './synth-program';
import type { Entity } from './step-grammar';

export type SynthFamily = 'shapes' | 'bars';
export const SYNTH_FAMILIES: readonly SynthFamily[] = ['shapes', 'bars'];

export interface SuiteOptions {
  /** Number of questions. */
  size: number;
  seed: number;
  /** Families to draw from (each question picks one uniformly); default both. */
  families?: readonly SynthFamily[];
  /** One level for all questions, or a set to draw from uniformly; default the mix 1-3. */
  difficulty?: Difficulty | readonly Difficulty[];
  /** Square side in pixels, or width and height; default 128. */
  imageSize?: number | { width: number; height: number };
}

export const SYNTH_SUITE_DEFAULTS = {
  /** Default image side in pixels (128x128 RGB). */
  imageSize: 128,
  /** Drafts tried per question before giving up (drafts with negative or tied results are redrawn). */
  maxAttempts: 200,
  shapes: SHAPE_QUESTION_DEFAULTS as ShapeQuestionConfig,
  bars: CHART_QUESTION_DEFAULTS as ChartQuestionConfig,
  chart: BAR_CHART_DEFAULTS as BarChartConfig,
};

/** Question id of item `index` of the suite with `seed`. */
export function synthQuestionId(seed: number, index: number): string {
  return `synth-${seed}-${index}`;
}

/**
 * Whether a solved draft is a fair question: every difference positive (the wording says "how many
 * more"), no intermediate below zero, and compared values distinct (a unique winner).
 */
export function isWellPosed(steps: readonly Step[]): boolean {
  for (const s of steps) {
    if (isArithmetic(s) && (s.result < 0 || (s.kind === 'subtract' && s.result < 1))) return false;
  }
  if (steps.some((s) => s.kind === 'compare')) {
    const reads = steps.flatMap((s) => (s.kind === 'count' || s.kind === 'read' ? [s.value] : []));
    if (new Set(reads).size !== reads.length) return false;
  }
  return true;
}

function resolveSize(imageSize: SuiteOptions['imageSize']): { width: number; height: number } {
  const size = imageSize ?? SYNTH_SUITE_DEFAULTS.imageSize;
  const dims = typeof size === 'number' ? { width: size, height: size } : size;
  if (!Number.isInteger(dims.width) || !Number.isInteger(dims.height) || dims.width < 16 || dims.height < 16) {
    throw new Error(`imageSize must be integers >= 16, got ${dims.width}x${dims.height}`);
  }
  return dims;
}

function resolveDifficulties(difficulty: SuiteOptions['difficulty']): readonly Difficulty[] {
  const list = difficulty === undefined ? DIFFICULTIES : typeof difficulty === 'number' ? [difficulty] : difficulty;
  if (list.length === 0 || list.some((d) => !DIFFICULTIES.includes(d))) {
    throw new Error(`difficulty must be 1, 2 or 3 (or a non-empty list of them), got ${JSON.stringify(difficulty)}`);
  }
  return list;
}

function resolveFamilies(families: SuiteOptions['families']): readonly SynthFamily[] {
  const list = families ?? SYNTH_FAMILIES;
  if (list.length === 0 || list.some((f) => !SYNTH_FAMILIES.includes(f))) {
    throw new Error(`families must be a non-empty list of ${SYNTH_FAMILIES.join(', ')}, got ${JSON.stringify(families)}`);
  }
  return list;
}

/** Question `index` of the suite with `seed` (depends on nothing else but the options). */
export function generateQuestion(seed: number, index: number, options: Omit<SuiteOptions, 'size' | 'seed'> = {}): Question {
  const { width, height } = resolveSize(options.imageSize);
  const families = resolveFamilies(options.families);
  const difficulties = resolveDifficulties(options.difficulty);
  const rng = new Rng(hashSeed('synth', seed, index));
  const family = rng.pick(families);
  const difficulty = rng.pick(difficulties);
  const id = synthQuestionId(seed, index);
  for (let attempt = 0; attempt < SYNTH_SUITE_DEFAULTS.maxAttempts; attempt++) {
    const draftRng = rng.fork(`draft-${attempt}`);
    const drafted: { scene: Scene; draft: QuestionDraft; choiceEntities?: Entity[] } =
      family === 'shapes'
        ? draftShapeQuestion(draftRng, difficulty, width, height, SYNTH_SUITE_DEFAULTS.shapes)
        : draftChartQuestion(draftRng, difficulty, width, height, SYNTH_SUITE_DEFAULTS.bars);
    const payload: SynthPayload = { version: 1, questionId: id, scene: drafted.scene, program: drafted.draft.program };
    if (drafted.choiceEntities) payload.choiceEntities = drafted.choiceEntities;
    const solution = solvePayload(payload);
    if (!isWellPosed(solution)) continue;
    return assemble(id, family, difficulty, drafted.draft, payload, solution, draftRng.fork('render'), { seed, index });
  }
  throw new Error(`synth question ${id}: no well-posed draft in ${SYNTH_SUITE_DEFAULTS.maxAttempts} attempts`);
}

function assemble(
  id: string,
  family: SynthFamily,
  difficulty: Difficulty,
  draft: QuestionDraft,
  payload: SynthPayload,
  solution: Step[],
  renderRng: Rng,
  origin: { seed: number; index: number },
): Question {
  const raster = payload.scene.kind === 'shapes'
    ? renderShapeScene(payload.scene, renderRng, SYNTH_SUITE_DEFAULTS.shapes.scene)
    : renderBarChart(payload.scene, renderRng, SYNTH_SUITE_DEFAULTS.chart);
  const png = attachSynthPayload(raster.toPng(), payload);
  const last = solution[solution.length - 1];
  if (!last || last.kind !== 'answer') throw new Error(`synth question ${id}: program does not end in an answer`);
  const answerType = draft.choices ? 'choice' : 'number';
  const question: Question = {
    id,
    text: buildQuery(draft.question, answerType, draft.choices ? { choices: draft.choices } : {}),
    images: [{ mime: 'image/png', data: png, source: `images/${id}.png` }],
    answerType,
    answer: last.answer,
    meta: {
      family,
      difficulty,
      plannedSteps: solution.length,
      template: draft.template,
      question: draft.question,
      seed: origin.seed,
      index: origin.index,
    },
  };
  if (draft.choices) question.choices = draft.choices.slice();
  return question;
}

/** A whole suite: questions 0..size-1 of `seed`. */
export function generateSuite(options: SuiteOptions): Question[] {
  if (!Number.isInteger(options.size) || options.size < 0) throw new Error(`size must be a non-negative integer, got ${options.size}`);
  const { size, seed, ...rest } = options;
  return Array.from({ length: size }, (_, i) => generateQuestion(seed, i, rest));
}

/**
 * The bar-chart family: reading bar values by colour and combining or comparing them.
 */
import type { Rng } from '@prmbas/search';
import type { Entity } from './step-grammar';
import type { BarChart, ProgramStep } from './synth-program';
import { COLOR_NAMES, type ColorName } from './synth-entities';
import {
  type Difficulty,
  type QuestionDraft,
  type TemplateSpec,
  closeDistinctValues,
  drawConstants,
  isCompareTemplate,
  listPhrase,
  pickTemplate,
  templatesFor,
} from './question-templates';

export const CHART_QUESTION_DEFAULTS = {
  /** [min, max] bars in a chart, by difficulty. */
  barCount: { 1: [3, 4], 2: [4, 5], 3: [5, 6] } as Record<Difficulty, readonly [number, number]>,
  /** Top of the y axis, by difficulty; bar values are drawn from 1..yMax. */
  yMax: { 1: 10, 2: 12, 3: 15 } as Record<Difficulty, number>,
};
export type ChartQuestionConfig = typeof CHART_QUESTION_DEFAULTS;

function wording(spec: TemplateSpec, c: ColorName[], k: number[]): { question: string; choices?: string[] } {
  const v = (i: number) => `the value of the ${c[i]} bar`;
  switch (spec.name) {
    case 'sum': return { question: `What is the sum of the values of the ${c[0]} bar and the ${c[1]} bar?` };
    case 'difference': return { question: `How much larger is ${v(0)} than ${v(1)}?` };
    case 'add-constant': return { question: `What would ${v(0)} be if it grew by ${k[0]}?` };
    case 'times-constant': return { question: `What is ${k[0]} times ${v(0)}?` };
    case 'product': return { question: `What is the product of the values of the ${c[0]} bar and the ${c[1]} bar?` };
    case 'more': return { question: `Which bar is taller, the ${c[0]} bar or the ${c[1]} bar?`, choices: c };
    case 'sum-times': return { question: `Add the values of the ${c[0]} and ${c[1]} bars, then multiply the total by ${k[0]}. What is the result?` };
    case 'sum-minus': return { question: `Add the values of the ${c[0]} and ${c[1]} bars, then subtract ${v(2)}. What is the result?` };
    case 'product-minus': return { question: `Multiply the values of the ${c[0]} and ${c[1]} bars, then subtract ${v(2)}. What is the result?` };
    case 'most': return { question: `Which of the ${listPhrase(c)} bars is the tallest?`, choices: c };
    case 'fewest': return { question: `Which of the ${listPhrase(c)} bars is the shortest?`, choices: c };
    case 'largest': return { question: `What is the largest value among the ${listPhrase(c)} bars?` };
    case 'smallest': return { question: `What is the smallest value among the ${listPhrase(c)} bars?` };
    case 'sum3-minus': return { question: `Add the values of the ${c[0]}, ${c[1]} and ${c[2]} bars, then subtract ${v(3)}. What is the result?` };
    case 'sum-minus-times': return { question: `Add the values of the ${c[0]} and ${c[1]} bars, subtract ${v(2)}, then multiply the result by ${k[0]}. What is the result?` };
    case 'diff-times-plus': return { question: `Subtract ${v(1)} from ${v(0)}, multiply the difference by ${k[0]}, then add ${v(2)}. What is the result?` };
    default: throw new Error(`template ${spec.name} has no bar-chart wording`);
  }
}

export interface ChartQuestion {
  scene: BarChart;
  draft: QuestionDraft;
  choiceEntities?: Entity[];
}

/** One candidate chart question (the caller checks it is well posed and retries if not). */
export function draftChartQuestion(rng: Rng, difficulty: Difficulty, width: number, height: number, config: ChartQuestionConfig = CHART_QUESTION_DEFAULTS): ChartQuestion {
  const spec = pickTemplate(templatesFor(difficulty, 'bars'), rng);
  const [lo, hi] = config.barCount[difficulty];
  const n = Math.max(spec.reads, rng.int(lo, hi));
  const yMax = config.yMax[difficulty];
  const colors = rng.shuffle(COLOR_NAMES).slice(0, n);
  const bars = colors.map((color) => ({ color, value: rng.int(1, yMax) }));
  const asked = rng.shuffle(colors).slice(0, spec.reads);
  if (isCompareTemplate(spec)) {
    const close = closeDistinctValues(rng, asked.length, 1, yMax);
    asked.forEach((color, k) => {
      (bars.find((b) => b.color === color) as { value: number }).value = close[k] as number;
    });
  }
  const k = drawConstants(spec, rng);
  const reads: ProgramStep[] = asked.map((color) => ({ kind: 'read', color }));
  const words = wording(spec, asked, k);
  const draft: QuestionDraft = { template: spec.name, question: words.question, program: spec.program(reads, k) };
  if (words.choices) draft.choices = words.choices;
  const out: ChartQuestion = { scene: { kind: 'bars', width, height, yMax, bars }, draft };
  if (spec.choice) out.choiceEntities = asked.map((color) => ({ kind: 'bar', color }));
  return out;
}

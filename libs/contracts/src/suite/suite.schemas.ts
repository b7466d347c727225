import { z } from 'zod';

/**
 * The built-in synthetic suite as a source of single questions (the playground's "synth suite"
 * source): question `index` of seed `seed` is the same on every server (`@prmbas/tasks`
 * generateQuestion), so no dataset has to exist first.
 */

const intIn = (min: number, max: number) => {
  const msg = `must be an integer in [${min}, ${max}]`;
  return z.number({ error: msg }).int(msg).min(min, msg).max(max, msg);
};

/** Seeds the suite accepts (the same range as a dataset build's or an evaluation's seed fits in). */
export const SUITE_SEED_MAX = 2_147_483_647;
/** Questions are numbered 0 … SUITE_INDEX_MAX (the suite has no end; this keeps ids short). */
export const SUITE_INDEX_MAX = 1_000_000;
export const SUITE_PAGE_MAX = 24;

export const ZFindSuiteQuestionsRequest = z
  .strictObject({
    seed: intIn(0, SUITE_SEED_MAX).default(0),
    /** Index of the first question of the page. */
    offset: intIn(0, SUITE_INDEX_MAX).default(0),
    limit: intIn(1, SUITE_PAGE_MAX).default(12),
  })
  .meta({ id: 'FindSuiteQuestionsRequest' });
export type TFindSuiteQuestionsRequest = z.infer<typeof ZFindSuiteQuestionsRequest>;
export type TFindSuiteQuestionsInput = z.input<typeof ZFindSuiteQuestionsRequest>;

export const ZSuiteQuestionImage = z.object({
  mime: z.string(),
  /** `data:image/png;base64,…` — a few KB; the PNG carries the chunk the simulated policy reads. */
  dataUrl: z.string(),
  byteSize: z.number().int(),
});

export const ZSuiteQuestion = z
  .object({
    /** `synth-<seed>-<index>`, the id a dataset built from the same seed gives the question. */
    id: z.string(),
    seed: z.number().int(),
    index: z.number().int(),
    /** The full prompt (answer-format hint + question), as a policy is asked it. */
    text: z.string(),
    /** The bare question, for display. */
    question: z.string(),
    answerType: z.enum(['number', 'choice', 'text']),
    /** Options of a multiple-choice question (option i has letter 'A' + i); empty otherwise. */
    choices: z.array(z.string()),
    /** The gold answer (a number or a choice letter): to score an answer, never to show before asking. */
    answer: z.string(),
    family: z.string(),
    difficulty: z.number().int().nullable(),
    images: z.array(ZSuiteQuestionImage),
  })
  .meta({ id: 'SuiteQuestion' });
export type TSuiteQuestion = z.infer<typeof ZSuiteQuestion>;

export const ZFindSuiteQuestionsResponse = z.object({
  seed: z.number().int(),
  items: z.array(ZSuiteQuestion),
  /** `offset` of the next page; null past SUITE_INDEX_MAX. */
  nextOffset: z.number().int().nullable(),
});
export type TFindSuiteQuestionsResponse = z.infer<typeof ZFindSuiteQuestionsResponse>;

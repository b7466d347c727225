/**
 * Browsing a version: questions (paged) with their images, solutions, per-step values and the
 * human labels on each step; and the two content edits a version allows until it is frozen.
 */
import { z } from 'zod';
import { ZDateTime, ZId } from '../common/schemas';
import { ZUserRef } from './dataset.schemas';

export const STEP_LABEL_VALUES = ['correct', 'incorrect', 'neutral'] as const;
export const ZStepLabelValue = z.enum(STEP_LABEL_VALUES, { error: 'must be correct, incorrect or neutral' });
export type TStepLabelValue = z.infer<typeof ZStepLabelValue>;

/** A human label on a dataset step (from an annotation queue). */
export const ZStepLabel = z.object({
  id: ZId,
  label: ZStepLabelValue,
  comment: z.string().nullable(),
  author: ZUserRef,
  createdAt: ZDateTime,
  updatedAt: ZDateTime,
});
export type TStepLabel = z.infer<typeof ZStepLabel>;

/**
 * An image of a question. `url` is the API path serving its bytes (authorised like every read;
 * relative to the API's origin); `sha256` doubles as its ETag.
 */
export const ZQuestionImage = z.object({
  position: z.number().int(),
  url: z.string(),
  contentType: z.string(),
  byteSize: z.number().int(),
  sha256: z.string(),
  source: z.string().nullable(),
});
export type TQuestionImage = z.infer<typeof ZQuestionImage>;

const stepFields = {
  id: ZId,
  position: z.number().int(),
  /** 0: the solution's own step; k ≥ 1: the k-th sibling sampled at the same state. */
  siblingIndex: z.number().int(),
  text: z.string(),
  /** Monte-Carlo value: correctRollouts / rollouts (terminal: 1 or 0, rollouts 0). */
  value: z.number(),
  rollouts: z.number().int(),
  correctRollouts: z.number().int(),
  terminal: z.boolean(),
  answer: z.string().nullable(),
  labels: z.array(ZStepLabel),
};
export const ZDatasetSiblingStep = z.object(stepFields);
export type TDatasetSiblingStep = z.infer<typeof ZDatasetSiblingStep>;
export const ZDatasetStep = z.object({
  ...stepFields,
  /** Null: no siblings were sampled at this state; [] : sampled, but all repeated a step. */
  siblings: z.array(ZDatasetSiblingStep).nullable(),
});
export type TDatasetStep = z.infer<typeof ZDatasetStep>;

export const ZDatasetSolution = z.object({
  id: ZId,
  solutionIndex: z.number().int(),
  finalAnswer: z.string().nullable(),
  correct: z.boolean(),
  meta: z.record(z.string(), z.unknown()).nullable(),
  steps: z.array(ZDatasetStep),
});
export type TDatasetSolution = z.infer<typeof ZDatasetSolution>;

export const ZDatasetQuestion = z
  .object({
    id: ZId,
    datasetVersionId: ZId,
    /** The record's `questionId` (suite or benchmark id). */
    externalId: z.string(),
    text: z.string(),
    answer: z.string(),
    answerType: z.enum(['number', 'choice', 'text']),
    choices: z.array(z.string()),
    precision: z.number().int().nullable(),
    unit: z.string().nullable(),
    images: z.array(ZQuestionImage),
    solutions: z.array(ZDatasetSolution),
  })
  .meta({ id: 'DatasetQuestion' });
export type TDatasetQuestion = z.infer<typeof ZDatasetQuestion>;

export const ZFindDatasetQuestionsRequest = z.strictObject({
  versionId: ZId,
  /** Substring of the question text or id, case-insensitive. */
  query: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(50).default(20),
  /** The `nextCursor` of the previous page (questions come in id order). */
  cursor: ZId.optional(),
});
export type TFindDatasetQuestionsRequest = z.infer<typeof ZFindDatasetQuestionsRequest>;
export const ZFindDatasetQuestionsResponse = z.object({ items: z.array(ZDatasetQuestion), nextCursor: ZId.nullable() });
export type TFindDatasetQuestionsResponse = z.infer<typeof ZFindDatasetQuestionsResponse>;

export const ZGetDatasetQuestionRequest = z.strictObject({ id: ZId });
export type TGetDatasetQuestionRequest = z.infer<typeof ZGetDatasetQuestionRequest>;
export const ZGetDatasetQuestionResponse = ZDatasetQuestion;

/** Fix a question's text or gold answer (not on a frozen version: 422). */
export const ZUpdateDatasetQuestionRequest = z
  .strictObject({
    id: ZId,
    text: z.string().min(1, { error: 'must not be empty' }).max(20_000).optional(),
    answer: z.string().max(2_000).optional(),
  })
  .refine((v) => v.text !== undefined || v.answer !== undefined, { error: 'give text or answer to change', path: ['text'] });
export type TUpdateDatasetQuestionRequest = z.infer<typeof ZUpdateDatasetQuestionRequest>;
export const ZUpdateDatasetQuestionResponse = ZDatasetQuestion;

/** Drop a bad solution (not on a frozen version: 422). */
export const ZDeleteDatasetSolutionRequest = z.strictObject({ id: ZId });
export type TDeleteDatasetSolutionRequest = z.infer<typeof ZDeleteDatasetSolutionRequest>;
export const ZDeleteDatasetSolutionResponse = z.object({ id: ZId, datasetVersionId: ZId });
export type TDeleteDatasetSolutionResponse = z.infer<typeof ZDeleteDatasetSolutionResponse>;

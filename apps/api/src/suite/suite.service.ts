import { Injectable } from '@nestjs/common';
import { SUITE_INDEX_MAX, type SuiteService as SuiteServiceContract, type TFindSuiteQuestionsRequest, type TFindSuiteQuestionsResponse, type TSuiteQuestion } from '@prmbas/contracts';
import { generateQuestion, type Question } from '@prmbas/tasks';

/** What the console shows of one generated question (the PNG inline: a synth image is ~2 KB). */
export function toSuiteQuestion(question: Question, seed: number, index: number): TSuiteQuestion {
  return {
    id: question.id,
    seed,
    index,
    text: question.text,
    question: typeof question.meta.question === 'string' ? question.meta.question : question.text,
    answerType: question.answerType,
    choices: question.choices ?? [],
    answer: question.answer,
    family: question.meta.family,
    difficulty: question.meta.difficulty ?? null,
    images: question.images.map((image) => ({
      mime: image.mime,
      dataUrl: `data:${image.mime};base64,${Buffer.from(image.data).toString('base64')}`,
      byteSize: image.data.byteLength,
    })),
  };
}

/**
 * tRPC `suite.*`: the built-in synth suite question by question, generated on request with
 * `@prmbas/tasks` (pure: the same seed and index give the same question and PNG everywhere, and
 * the same `synth-<seed>-<index>` id a dataset built from that seed stores). Nothing is stored.
 * A page of 24 takes ~0.25 s of CPU, so pages are small (the contract's bounds).
 */
@Injectable()
export class SuiteService implements SuiteServiceContract {
  async findQuestions({ seed, offset, limit }: TFindSuiteQuestionsRequest): Promise<TFindSuiteQuestionsResponse> {
    const last = Math.min(offset + limit - 1, SUITE_INDEX_MAX);
    const items: TSuiteQuestion[] = [];
    for (let index = offset; index <= last; index++) items.push(toSuiteQuestion(generateQuestion(seed, index), seed, index));
    return { seed, items, nextOffset: last < SUITE_INDEX_MAX ? last + 1 : null };
  }
}

import type { TFindSuiteQuestionsRequest, TFindSuiteQuestionsResponse } from './suite.schemas';

/** What the suite router needs from the server (apps/api/src/suite implements it). */
export interface SuiteService {
  /** Questions offset … offset+limit-1 of the synth suite with `seed` (generated, nothing stored). */
  findQuestions(input: TFindSuiteQuestionsRequest): Promise<TFindSuiteQuestionsResponse>;
}

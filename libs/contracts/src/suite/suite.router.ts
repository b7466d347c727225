import { router } from '../trpc/init';
import { viewerProcedure } from '../trpc/procedures';
import { ZFindSuiteQuestionsRequest, ZFindSuiteQuestionsResponse } from './suite.schemas';

/** The built-in synth suite, question by question: anyone signed in may look. */
export const suiteRouter = router({
  findQuestions: viewerProcedure
    .input(ZFindSuiteQuestionsRequest)
    .output(ZFindSuiteQuestionsResponse)
    .query(({ input, ctx }) => ctx.services.suite.findQuestions(input)),
});

import type { ImageStore } from '@prmbas/db';
import type { ModelRegistry } from '../models/model-registry';
import { datasetBuildHandler } from './dataset-build.handler';
import { evalRunHandler } from './eval-run.handler';
import type { JobHandler } from './job-handler';
import { prmTrainHandler } from './prm-train.handler';

export type { JobContext, JobHandler, JobResult } from './job-handler';

/** The handler of every job kind. */
export function jobHandlers(deps: { models: ModelRegistry; images?: ImageStore }): JobHandler[] {
  return [datasetBuildHandler({ images: deps.images }), prmTrainHandler(deps), evalRunHandler(deps)];
}

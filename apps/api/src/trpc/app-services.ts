import type { Provider } from '@nestjs/common';
import type { AppServices } from '@prmbas/contracts';
import { AnnotationsService } from '../annotations/annotations.service';
import { AuthService } from '../auth/auth.service';
import { DatasetsService } from '../datasets/datasets.service';
import { DeploymentsService } from '../deployments/deployments.service';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { JobsService } from '../jobs/jobs.service';
import { ModelsService } from '../models/models.service';
import { SuiteService } from '../suite/suite.service';
import { TracesService } from '../traces/traces.service';
import { TrainingService } from '../training/training.service';

/** Injection token of the services the tRPC routers call (contracts' `AppServices`). */
export const APP_SERVICES = Symbol('APP_SERVICES');

/**
 * The one place the Nest services are handed to the routers. A domain that gets procedures adds
 * its service interface to `AppServices` in contracts, then its Nest service here (inject + key);
 * the type makes a missing one a compile error.
 */
export const appServicesProvider: Provider = {
  provide: APP_SERVICES,
  inject: [AuthService, JobsService, TrainingService, ModelsService, EvaluationsService, DeploymentsService, TracesService, DatasetsService, AnnotationsService, SuiteService],
  useFactory: (auth: AuthService, jobs: JobsService, training: TrainingService, models: ModelsService, evaluations: EvaluationsService, deployments: DeploymentsService, traces: TracesService, datasets: DatasetsService, annotations: AnnotationsService, suite: SuiteService): AppServices => ({
    auth,
    jobs,
    training,
    models,
    evaluations,
    deployments,
    traces,
    datasets,
    annotations,
    suite,
  }),
};

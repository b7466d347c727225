import { Module } from '@nestjs/common';
import { AnnotationsModule } from '../annotations/annotations.module';
import { AuthModule } from '../auth/auth.module';
import { DatasetsModule } from '../datasets/datasets.module';
import { DeploymentsModule } from '../deployments/deployments.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { JobsModule } from '../jobs/jobs.module';
import { ModelsModule } from '../models/models.module';
import { SuiteModule } from '../suite/suite.module';
import { TracesModule } from '../traces/traces.module';
import { TrainingModule } from '../training/training.module';
import { appServicesProvider } from './app-services';
import { TrpcContextFactory } from './trpc-context.factory';
import { TrpcController } from './trpc.controller';

/** Mounts the tRPC AppRouter at /trpc with a context built from the request and the Nest services. */
@Module({
  imports: [AuthModule, JobsModule, TrainingModule, ModelsModule, EvaluationsModule, DeploymentsModule, TracesModule, DatasetsModule, AnnotationsModule, SuiteModule],
  controllers: [TrpcController],
  providers: [appServicesProvider, TrpcContextFactory],
})
export class TrpcModule {}

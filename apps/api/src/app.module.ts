import { type DynamicModule, type ForwardReference, Module, type Type } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { Logger } from 'pino';
import { AnnotationsModule } from './annotations';
import { AuthModule } from './auth';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database';
import { DatasetsModule } from './datasets';
import { DeploymentsModule } from './deployments';
import { ErrorFilter } from './errors/error.filter';
import { SchemaValidationPipe } from './errors/schema-validation.pipe';
import { HealthModule } from './health/health.module';
import { EvaluationsModule } from './evaluations';
import { JobsModule } from './jobs';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { ServingModule } from './serving';
import { SuiteModule } from './suite';
import { TracesModule } from './traces';
import { ModelsModule } from './models';
import { TrainingModule } from './training';
import { TrpcModule } from './trpc';

export type ModuleImport = Type | DynamicModule | Promise<DynamicModule> | ForwardReference;

export interface AppModuleOptions {
  config: AppConfig;
  logger: Logger;
  /** Extra modules (tests mount probe routes this way). */
  imports?: ModuleImport[];
}

/**
 * The API: one module per domain. The cross-cutting ones (config, logging, health, metrics) are
 * global, so domain modules inject AppConfig, ReadinessRegistry and DomainMetrics directly.
 */
@Module({})
export class AppModule {
  static forRoot({ config, logger, imports = [] }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(logger), HealthModule, MetricsModule, DatabaseModule, AuthModule, JobsModule, TrainingModule, ModelsModule, EvaluationsModule, DeploymentsModule, TracesModule, ServingModule, DatasetsModule, AnnotationsModule, SuiteModule, TrpcModule, ...imports],
      providers: [
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: APP_PIPE, useValue: new SchemaValidationPipe() },
      ],
    };
  }
}

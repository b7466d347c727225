import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';

/** Injection token of the root pino logger: `@Inject(ROOT_LOGGER) logger: Logger`. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** Shares the root logger made at bootstrap with every module (background jobs log through it). */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return { module: LoggingModule, providers: [{ provide: ROOT_LOGGER, useValue: logger }], exports: [ROOT_LOGGER] };
  }
}

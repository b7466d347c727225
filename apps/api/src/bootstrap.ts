import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream, Logger } from 'pino';
import { AppModule, type ModuleImport } from './app.module';
import type { AppConfig } from './config/app-config';
import { loadConfig } from './config/load-config';
import { setupOpenApi } from './docs/openapi';
import { ReadinessRegistry } from './health/readiness.registry';
import { HttpDrain } from './lifecycle/http-drain';
import { createLogger } from './logging/logger';
import { NestPinoLogger } from './logging/nest-logger';
import { requestLogger } from './logging/request-logger';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsService } from './metrics/metrics.service';

export interface BootstrapOptions {
  /** Environment to validate (default process.env); ignored when `config` is given. */
  env?: NodeJS.ProcessEnv;
  config?: AppConfig;
  /** Overrides API_PORT; 0 picks a free port. */
  port?: number;
  /** Overrides API_HOST. */
  host?: string;
  /** Where log lines go (default stdout). */
  logStream?: DestinationStream;
  /** Extra Nest modules to mount (tests). */
  imports?: ModuleImport[];
}

export interface RunningApi {
  app: NestExpressApplication;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  config: AppConfig;
  logger: Logger;
  /** Graceful stop: not ready, stop accepting, finish in-flight requests, then Nest's shutdown hooks. */
  close(): Promise<void>;
}

/** Builds the app, wires HTTP concerns in order, and listens. Throws ConfigError on bad env. */
export async function bootstrap(options: BootstrapOptions = {}): Promise<RunningApi> {
  const config = options.config ?? loadConfig(options.env ?? process.env);
  const logger = createLogger(config.logLevel, options.logStream);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, logger, imports: options.imports }),
    { bodyParser: false, logger: new NestPinoLogger(logger), abortOnError: false },
  );
  const drain = new HttpDrain(app.getHttpServer());
  configureHttp(app, config, logger, drain);

  const host = options.host ?? config.host;
  try {
    await app.listen(options.port ?? config.port, host);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const url = baseUrl(app, host);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      app.get(ReadinessRegistry).markDraining();
      const started = Date.now();
      const { abandoned } = await drain.drain(config.shutdownTimeoutMs);
      if (abandoned > 0) logger.warn({ abandoned }, 'shutdown deadline passed: closed connections of unfinished requests');
      await app.close();
      logger.info({ durationMs: Date.now() - started }, 'API stopped');
      logger.flush();
    })());

  return { app, url, config, logger, close };
}

/** Order matters: drain counting, request id + log line, metrics, CORS, then body parsing. */
function configureHttp(app: NestExpressApplication, config: AppConfig, logger: Logger, drain: HttpDrain): void {
  app.disable('x-powered-by');
  app.use(drain.middleware);
  app.use(requestLogger(logger));
  app.use(httpMetricsMiddleware(app.get(MetricsService).httpRequestDuration));
  app.enableCors({
    origin: config.corsOrigins,
    credentials: true,
    exposedHeaders: ['x-request-id', 'retry-after'],
  });
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  setupOpenApi(app);
}

function baseUrl(app: NestExpressApplication, host: string): string {
  const address = app.getHttpServer().address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${address.port}`;
}

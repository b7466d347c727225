export { AppConfig, type LogLevel } from './app-config';
export { ConfigError, type ConfigProblem } from './config-error';
export { ConfigModule } from './config.module';
export { loadConfig } from './load-config';

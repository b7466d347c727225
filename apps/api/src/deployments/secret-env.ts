/**
 * Where deployments' secrets come from: the API server's environment, read at request time by the
 * variable name a deployment stores (`apiKeyEnv`), so keys never reach the database, the audit log
 * or a response. A token so tests can supply their own.
 */
import type { Provider } from '@nestjs/common';

export type SecretEnv = Readonly<Record<string, string | undefined>>;

export const SECRET_ENV = Symbol('SECRET_ENV');

export const secretEnvProvider: Provider = { provide: SECRET_ENV, useValue: process.env };

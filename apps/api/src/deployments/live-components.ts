/**
 * A deployment's stored configs → live objects: the `Policy` (simulated, or an OpenAI-compatible
 * server) and an external reward-server `Prm`. Secrets are read here, at request time, from the
 * environment variable a config names; a missing one is the server's problem (503), not the
 * caller's.
 */
import type { TDeploymentPolicy, TDeploymentPrm } from '@prmbas/contracts';
import { createOpenAIPolicyFromSpec, SimPolicy } from '@prmbas/policy';
import { HttpPrm } from '@prmbas/prm';
import type { Policy, Prm } from '@prmbas/search';
import { extractAnswer } from '@prmbas/tasks';
import { AppError } from '../errors/app-error';
import type { SecretEnv } from './secret-env';

function secret(env: SecretEnv, name: string | undefined, what: string, deployment: string): string | undefined {
  if (name === undefined) return undefined;
  const value = env[name];
  if (!value) {
    throw AppError.unavailable(`deployment '${deployment}': the environment variable ${name} (the API key of its ${what}) is not set on the API server`, {
      code: 'deployment_misconfigured',
    });
  }
  return value;
}

export function createPolicy(config: TDeploymentPolicy, env: SecretEnv, deployment: string): Policy {
  if (config.kind === 'sim') return new SimPolicy({ capability: config.capability, latencyMs: config.latencyMs });
  return createOpenAIPolicyFromSpec(`openai:${config.baseUrl}`, {
    model: config.model,
    apiKey: secret(env, config.apiKeyEnv, 'policy server', deployment),
    continuation: config.continuation,
    systemPrompt: config.systemPrompt,
    maxTokensPerStep: config.maxTokensPerStep,
    timeoutMs: config.timeoutMs,
    concurrency: config.concurrency,
    extractAnswer: (text, problem) => extractAnswer(text, problem) ?? undefined,
  });
}

export function createHttpPrm(config: Extract<TDeploymentPrm, { kind: 'http' }>, env: SecretEnv, deployment: string): Prm {
  // HttpPrm spreads its options over its defaults: keys left out must be absent, not undefined.
  const options = Object.fromEntries(
    Object.entries({
      format: config.format,
      endpoint: config.endpoint,
      stepSeparator: config.stepSeparator,
      includeImages: config.includeImages,
      timeoutMs: config.timeoutMs,
      concurrency: config.concurrency,
      apiKey: secret(env, config.apiKeyEnv, 'reward server', deployment),
    }).filter(([, value]) => value !== undefined),
  );
  return new HttpPrm({ ...options, baseUrl: config.baseUrl, model: config.model, name: `http-prm:${config.model}` });
}

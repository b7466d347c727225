/** A `Policy` from a job's policy spec (built-in simulated policy or an OpenAI-compatible server). */
import type { TPolicySpec } from '@prmbas/contracts';
import { createOpenAIPolicyFromSpec, SimPolicy } from '@prmbas/policy';
import type { Policy } from '@prmbas/search';
import { extractAnswer } from '@prmbas/tasks';

/** `env` supplies OPENAI_API_KEY for OpenAI-compatible servers (never part of a job). */
export function createPolicy(spec: TPolicySpec, env: NodeJS.ProcessEnv = process.env): Policy {
  if (spec.kind === 'sim') return new SimPolicy({ capability: spec.capability, latencyMs: spec.latencyMs });
  return createOpenAIPolicyFromSpec(`openai:${spec.baseUrl}`, {
    model: spec.model,
    env,
    extractAnswer: (text, problem) => extractAnswer(text, problem) ?? undefined,
  });
}

/**
 * Fixtures for the serving tests: an API with a known admin key and the `test-mlp` model kind
 * registered, model versions holding real (tiny) PRM artifacts, aliases, deployments, and synth
 * suite questions as OpenAI chat messages.
 */
import type { TDeployment } from '@prmbas/contracts';
import { moveAlias, SYSTEM_ACTOR, type PrismaClient } from '@prmbas/db';
import { testMlpKind, type ModelRegistry } from '@prmbas/prm';
import { generateSuite, type Question } from '@prmbas/tasks';
import { expect } from 'vitest';
import { MODEL_REGISTRY } from '../deployments/model-registry.provider';
import { ADMIN_ENV } from './auth-helpers';
import { startTestApi, type TestApi } from './test-api';

export { storeTestMlpVersion } from './test-mlp-version';

/** An all-scopes key of the test admin (BOOTSTRAP_API_KEY). */
export const ADMIN_KEY = 'pb_test-admin-key-0123456789abcdef';

export async function startServingApi(env: Record<string, string> = {}): Promise<TestApi> {
  const api = await startTestApi({ env: { ...ADMIN_ENV, BOOTSTRAP_API_KEY: ADMIN_KEY, PRM_BACKEND: 'wasm', SERVING_RATE_LIMIT_RPM: '0', ...env } });
  api.app.get<symbol, ModelRegistry>(MODEL_REGISTRY).register(testMlpKind);
  return api;
}

export async function pointAlias(db: PrismaClient, name: string, modelVersionId: string): Promise<void> {
  await moveAlias(db, { actor: SYSTEM_ACTOR }, { name, modelVersionId });
}

/** POST /deployments as the admin key; fails the test on an error status. */
export async function createDeployment(api: TestApi, body: Record<string, unknown>): Promise<TDeployment> {
  const response = await api.request('/deployments', { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await response.json()) as TDeployment;
  expect(response.status, JSON.stringify(json)).toBe(201);
  return json;
}

export function suiteQuestions(size: number, seed = 11): Question[] {
  return generateSuite({ size, seed });
}

export function dataUrl(mime: string, bytes: Uint8Array): string {
  return `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
}

/** A suite question as one user message: its text and its PNG as a data URL. */
export function userMessage(question: Question) {
  return {
    role: 'user' as const,
    content: [
      { type: 'text' as const, text: question.text },
      { type: 'image_url' as const, image_url: { url: dataUrl(question.images[0]!.mime, question.images[0]!.data) } },
    ],
  };
}

/**
 * What the training, models and evaluations tests start from: a ready dataset version built
 * in-process (simulated policy, tiny budget), a real worker process with the test-mlp model kind
 * (the TEST DOUBLE of the model, loaded as a worker plugin), a stored model version, and a reader
 * of server-sent events.
 */
import { PostgresDatasetStore, questionImageRef, saveTrainedModelVersion, type DatasetVersion, type PrismaClient } from '@prmbas/db';
import { SimPolicy } from '@prmbas/policy';
import { buildDataset, datasetDigest } from '@prmbas/rollouts';
import { generateSuite, isCorrect } from '@prmbas/tasks';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { runTs, WORKSPACE_ROOT, type NodeProcess } from '../../testing/node-process';
import type { TestApi } from '../../testing/test-api';

/** A new dataset with one empty version in `status`. */
export async function createVersion(prisma: PrismaClient, status: 'building' | 'ready' | 'frozen' = 'building'): Promise<DatasetVersion> {
  const dataset = await prisma.dataset.create({ data: { name: `test-${randomBytes(4).toString('hex')}` } });
  return prisma.datasetVersion.create({ data: { datasetId: dataset.id, version: 1, status, config: {}, header: {}, ...(status === 'frozen' ? { frozenAt: new Date() } : {}) } });
}

/** A ready version with records (synth suite, simulated policy): what a run trains on and an evaluation asks. */
export async function buildReadyVersion(prisma: PrismaClient, options: { size?: number; seed?: number } = {}): Promise<DatasetVersion> {
  const version = await createVersion(prisma);
  const questions = generateSuite({ size: options.size ?? 4, seed: options.seed ?? 3 });
  await buildDataset({
    questions,
    policy: new SimPolicy({ capability: 0.5 }),
    isCorrect: (answer, question) => isCorrect(answer, question.answer, question),
    store: new PostgresDatasetStore(prisma, version.id, { questions, digest: datasetDigest }),
    config: { solutions: 2, rollouts: 2, siblings: 1, maxSteps: 8 },
    imageRef: questionImageRef,
  });
  return prisma.datasetVersion.findUniqueOrThrow({ where: { id: version.id } });
}

/** A training run row (no job) and a model version from it with `bytes` as the artifact. */
export async function storeModelVersion(prisma: PrismaClient, datasetVersionId: string, bytes: Uint8Array, name = 'stored model') {
  const run = await prisma.trainingRun.create({ data: { datasetVersionId, config: { model: { kind: 'test-mlp' } }, status: 'succeeded', name } });
  const checkpointBlob = await prisma.blob.create({ data: { sha256: randomBytes(32).toString('hex'), byteSize: 1, contentType: 'application/octet-stream', storage: 'postgres', data: Uint8Array.from([1]) } });
  const checkpoint = await prisma.checkpoint.create({ data: { runId: run.id, step: 7, blobId: checkpointBlob.id } });
  const saved = await saveTrainedModelVersion(prisma, {
    trainingRunId: run.id,
    name,
    format: 'prmbas-prm/1',
    bytes,
    metrics: { auroc: 0.75, ece: null, steps: 7 },
    config: { kind: 'test-mlp' },
    checkpointId: checkpoint.id,
    datasetVersionId,
  });
  return { run, checkpoint, ...saved };
}

export const TEST_MLP_PLUGIN = path.join(WORKSPACE_ROOT, 'apps/worker/src/testing/test-mlp.plugin.ts');
const WORKER_MAIN = path.join(WORKSPACE_ROOT, 'apps/worker/src/main.ts');

/** A real worker process on the test API's database, with the test-mlp kind and fast timings; resolves once it is ready. */
export async function startWorker(api: TestApi, options: { id: string; kinds: string; backend?: string }): Promise<NodeProcess> {
  const worker = runTs(WORKER_MAIN, {
    DATABASE_URL: api.config.databaseUrl!,
    WORKER_ID: options.id,
    WORKER_BACKEND: options.backend ?? 'wasm',
    WORKER_KINDS: options.kinds,
    WORKER_PLUGINS: TEST_MLP_PLUGIN,
    WORKER_POLL_MS: '100',
    WORKER_HEARTBEAT_MS: '250',
    WORKER_STALE_AFTER_MS: '1500',
    WORKER_REAP_MS: '400',
    WORKER_SHUTDOWN_TIMEOUT_MS: '5000',
    LOG_LEVEL: 'info',
  });
  await worker.waitForOutput(/worker ready/, 60_000);
  return worker;
}

export async function stopWorker(worker: NodeProcess | undefined): Promise<void> {
  if (!worker || worker.child.exitCode !== null) return;
  worker.child.kill('SIGKILL');
  await worker.exited;
}

/** Polls `probe` until it returns something other than undefined/false/null. */
export async function waitFor<T>(probe: () => Promise<T | undefined | false | null>, what: string, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export interface SseEvent {
  id?: string;
  event: string;
  data: unknown;
}

/**
 * Reads a server-sent event stream until the server closes it, `stop(event)` says so, or the
 * timeout; returns the status, headers and events (data parsed as JSON).
 */
export async function readSse(api: TestApi, pathname: string, headers: Record<string, string>, options: { stop?: (e: SseEvent) => boolean; timeoutMs?: number } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 60_000);
  const response = await api.request(pathname, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  let timedOut = false;
  if (response.ok && response.body) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        let stop = false;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
          }
          if (fields['event'] === undefined || fields['data'] === undefined) continue;
          const event: SseEvent = { event: fields['event'], data: JSON.parse(fields['data']), ...(fields['id'] ? { id: fields['id'] } : {}) };
          events.push(event);
          if (options.stop?.(event)) stop = true;
        }
        if (stop) break;
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
      timedOut = true;
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  } else {
    clearTimeout(timer);
  }
  return { status: response.status, headers: response.headers, events, timedOut, body: response.ok ? null : await response.json().catch(() => null) };
}

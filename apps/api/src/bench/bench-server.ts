/**
 * The serving benchmark's server: the real API (bootstrap, as `npm start` runs it) on the embedded
 * Postgres default in a throwaway DATA_DIR, with an admin key, the `test-mlp` PRM kind, a model
 * version aliased `production`, and PRM-BAS deployments over the simulated policy.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { moveAlias, SYSTEM_ACTOR, type PrismaClient } from '@prmbas/db';
import { testMlpKind, type ModelRegistry } from '@prmbas/prm';
import { bootstrap, type RunningApi } from '../bootstrap';
import { PRISMA } from '../database/prisma.token';
import { MODEL_REGISTRY } from '../deployments/model-registry.provider';
import { storeTestMlpVersion } from '../testing/test-mlp-version';

export const BENCH_KEY = 'pb_bench-admin-key-0123456789abcdef';

export interface BenchServer {
  api: RunningApi;
  prisma: PrismaClient;
  registry: ModelRegistry;
  artifact: Uint8Array;
  modelVersionId: string;
  close(): Promise<void>;
}

export async function startBenchServer(deployments: ReadonlyArray<{ name: string; latencyMs: number; strategy: Record<string, unknown> }>): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'prmbas-serve-bench-'));
  // As root, embedded Postgres runs as the `postgres` user, which must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  // Request logs are serialised as in production (level info) but not printed over the table.
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const api = await bootstrap({
    env: {
      NODE_ENV: 'production',
      API_HOST: '127.0.0.1',
      API_PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ADMIN_EMAIL: 'bench@localhost',
      ADMIN_PASSWORD: 'bench-password-not-secret',
      BOOTSTRAP_API_KEY: BENCH_KEY,
      SERVING_RATE_LIMIT_RPM: '0',
      PRM_BACKEND: 'wasm',
    },
    logStream: discard,
  });
  const prisma = api.app.get<symbol, PrismaClient>(PRISMA);
  const registry = api.app.get<symbol, ModelRegistry>(MODEL_REGISTRY);
  registry.register(testMlpKind);
  const version = await storeTestMlpVersion(prisma, 1);
  await moveAlias(prisma, { actor: SYSTEM_ACTOR }, { name: 'production', modelVersionId: version.id });
  const blob = await prisma.blob.findUniqueOrThrow({ where: { id: version.artifactBlobId } });
  for (const d of deployments) {
    const response = await fetch(`${api.url}/deployments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BENCH_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: d.name, policy: { kind: 'sim', latencyMs: d.latencyMs }, prm: { kind: 'alias', alias: 'production' }, strategy: d.strategy }),
    });
    if (response.status !== 201) throw new Error(`creating deployment ${d.name}: ${response.status} ${await response.text()}`);
  }
  return {
    api,
    prisma,
    registry,
    artifact: new Uint8Array(blob.data!),
    modelVersionId: version.id,
    close: async () => {
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

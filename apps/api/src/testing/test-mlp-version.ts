/**
 * A model version holding a real `test-mlp` PRM artifact (the TEST DOUBLE kind of @prmbas/prm:
 * untrained, weights from a seed, so versions with other seeds score differently). For tests and
 * the serving benchmark, where what matters is that bytes → registry → scorer is the real path.
 */
import { createHash } from 'node:crypto';
import type { ModelVersion, PrismaClient } from '@prmbas/db';
import { encodeArtifact, exportArtifact, initBackend, MlpPrm, TEST_MLP_KIND } from '@prmbas/prm';

export async function storeTestMlpVersion(db: PrismaClient, seed: number, config: Record<string, unknown> = { kind: TEST_MLP_KIND }): Promise<ModelVersion> {
  await initBackend({ prefer: 'wasm', logger: { info: () => undefined } });
  const model = new MlpPrm({ inputSize: 16, hidden: [8], seed });
  const bytes = encodeArtifact(await exportArtifact(model, { extra: { modelKind: TEST_MLP_KIND } }));
  model.dispose();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const blob = await db.blob.upsert({
    where: { sha256 },
    create: { sha256, byteSize: bytes.byteLength, contentType: 'application/vnd.prmbas.prm-artifact', storage: 'postgres', data: Uint8Array.from(bytes) },
    update: {},
  });
  return db.modelVersion.create({ data: { name: `test-mlp seed ${seed}`, format: 'prmbas-prm/1', artifactBlobId: blob.id, config: config as never } });
}

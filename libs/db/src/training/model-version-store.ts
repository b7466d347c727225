/**
 * The end of a training run: its artifact stored as a model version (bytes in a blob with their
 * sha256, metrics, config, and lineage to the run, its last checkpoint and its dataset version).
 * Idempotent per run: a job retried after this was written (its worker died before recording the
 * outcome) finds the version and returns it instead of making a second one.
 */
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../client';
import type { ModelVersion, Prisma } from '../generated/prisma/client';

export const MODEL_ARTIFACT_CONTENT_TYPE = 'application/vnd.prmbas.prm-artifact';

export interface TrainedModelInput {
  trainingRunId: string;
  name: string;
  /** Artifact format tag, e.g. `prmbas-prm/1`. */
  format: string;
  bytes: Uint8Array;
  metrics: Prisma.InputJsonObject;
  config?: Prisma.InputJsonObject;
  checkpointId?: string | null;
  datasetVersionId?: string | null;
  createdById?: string | null;
  description?: string | null;
}

export async function saveTrainedModelVersion(prisma: PrismaClient, input: TrainedModelInput): Promise<{ modelVersion: ModelVersion; sha256: string; created: boolean }> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  return prisma.$transaction(async (tx) => {
    // Serialises two writers for the same run (a retry racing a stale attempt).
    await tx.$queryRaw`SELECT id FROM training_runs WHERE id = ${input.trainingRunId}::uuid FOR UPDATE`;
    const existing = await tx.modelVersion.findFirst({ where: { trainingRunId: input.trainingRunId }, include: { artifactBlob: { select: { sha256: true } } } });
    if (existing) {
      const { artifactBlob, ...modelVersion } = existing;
      return { modelVersion, sha256: artifactBlob.sha256, created: false };
    }
    const blob = await tx.blob.upsert({
      where: { sha256 },
      create: { sha256, byteSize: input.bytes.byteLength, contentType: MODEL_ARTIFACT_CONTENT_TYPE, storage: 'postgres', data: Uint8Array.from(input.bytes) },
      update: {},
      select: { id: true },
    });
    const modelVersion = await tx.modelVersion.create({
      data: {
        name: input.name,
        description: input.description ?? null,
        format: input.format,
        artifactBlobId: blob.id,
        metrics: input.metrics,
        ...(input.config ? { config: input.config } : {}),
        trainingRunId: input.trainingRunId,
        checkpointId: input.checkpointId ?? null,
        datasetVersionId: input.datasetVersionId ?? null,
        createdById: input.createdById ?? null,
      },
    });
    return { modelVersion, sha256, created: true };
  });
}

/** A model version's artifact bytes (Postgres blobs only). */
export async function readModelArtifact(prisma: PrismaClient, modelVersionId: string): Promise<{ modelVersion: ModelVersion; bytes: Uint8Array } | null> {
  const row = await prisma.modelVersion.findUnique({ where: { id: modelVersionId }, include: { artifactBlob: { select: { data: true, storage: true, id: true } } } });
  if (!row) return null;
  const { artifactBlob, ...modelVersion } = row;
  if (!artifactBlob.data) throw new Error(`model version ${modelVersionId}: artifact blob ${artifactBlob.id} is stored on ${artifactBlob.storage}, not in Postgres`);
  return { modelVersion, bytes: new Uint8Array(artifactBlob.data) };
}

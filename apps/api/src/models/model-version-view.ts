/** Model version and alias rows → the shapes contracts promise (dates as ISO strings). */
import type { TModelAlias, TModelVersion } from '@prmbas/contracts';
import { backendName } from '@prmbas/db';
import type { AliasWithTarget, VersionWithLineage } from './models.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Where the artifact downloads from (REST, see model-artifact.controller.ts). */
export const artifactPath = (modelVersionId: string) => `/models/versions/${modelVersionId}/artifact`;

/** The numbers of the stored metrics (JSON has no NaN: the worker stored those as null). */
function metricsOf(value: unknown): Record<string, number | null> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v === null || typeof v === 'number')) as Record<string, number | null>;
}

export function toModelVersionView(row: VersionWithLineage): TModelVersion {
  const run = row.trainingRun;
  const dataset = row.datasetVersion;
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    description: row.description,
    format: row.format,
    artifact: { sha256: row.artifactBlob.sha256, byteSize: row.artifactBlob.byteSize, contentType: row.artifactBlob.contentType, downloadPath: artifactPath(row.id) },
    metrics: metricsOf(row.metrics),
    config: row.config && typeof row.config === 'object' && !Array.isArray(row.config) ? (row.config as Record<string, unknown>) : null,
    aliases: row.aliases.map((a) => a.name),
    lineage: {
      trainingRun: run
        ? { id: run.id, name: run.name, status: run.status, backend: run.backend ? backendName(run.backend) : null, workerId: run.workerId, startedAt: iso(run.startedAt), finishedAt: iso(run.finishedAt) }
        : null,
      datasetVersion: dataset
        ? { id: dataset.id, datasetId: dataset.datasetId, datasetName: dataset.dataset.name, version: dataset.version, status: dataset.status, digest: dataset.digest }
        : null,
      checkpoint: row.checkpoint ? { id: row.checkpoint.id, step: row.checkpoint.step, createdAt: row.checkpoint.createdAt.toISOString() } : null,
    },
    createdBy: row.createdBy ? { id: row.createdBy.id, email: row.createdBy.email } : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toModelAliasView(row: AliasWithTarget): TModelAlias {
  return {
    name: row.name,
    modelVersion: { id: row.modelVersion.id, version: row.modelVersion.version, name: row.modelVersion.name },
    updatedBy: row.updatedBy ? { id: row.updatedBy.id, email: row.updatedBy.email } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

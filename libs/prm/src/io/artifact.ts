/**
 * A trained PRM as one artifact: the model's weights plus the metadata needed to use it again
 * (model config to rebuild it, tokenizer/vocabulary, input sizes, training config, data digest,
 * metrics). To and from BYTES (one container, storable in Postgres), and to and from tfjs
 * `io.ModelArtifacts` (weightSpecs + weightData, the layout of model.json + weights.bin).
 */
import type * as tf from '@tensorflow/tfjs';
import type { PrmModel } from '../train/prm-model';
import { assignWeights } from '../train/weights';
import { decodeContainer, encodeContainer, type JsonValue } from './container';
import { decodeWeightData, encodeWeightData, readWeights } from './weight-data';

export const ARTIFACT_FORMAT = 'prmbas-prm';
const KIND = 'prm-model';

export interface PrmArtifactMetadata {
  /** `PrmModel.name` of the model that wrote it (which class rebuilds it). */
  modelName: string;
  /** `PrmModel.config()`: everything the model's constructor needs. */
  modelConfig: Record<string, unknown>;
  /** Tokenizer state, e.g. { vocabulary: [...] }. */
  tokenizer?: JsonValue;
  /** Input sizes the model was built for, e.g. { tokens: [64], image: [32, 32, 3] }. */
  inputSizes?: Record<string, number[]>;
  trainingConfig?: Record<string, unknown>;
  /** Digest of the training data (dataset version), for provenance. */
  dataDigest?: string;
  /** Final evaluation metrics. */
  metrics?: Record<string, number | null>;
  createdAt?: string;
  /** Anything else the platform wants to keep with the weights. */
  extra?: Record<string, JsonValue>;
}

export interface PrmArtifact {
  metadata: PrmArtifactMetadata;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: Uint8Array;
}

/** Snapshot a model's weights with metadata (modelName and modelConfig are taken from the model). */
export async function exportArtifact<F>(model: PrmModel<F>, metadata: Omit<PrmArtifactMetadata, 'modelName' | 'modelConfig'> = {}): Promise<PrmArtifact> {
  const { specs, data } = encodeWeightData(await readWeights(model.weights));
  return {
    metadata: { createdAt: new Date().toISOString(), ...metadata, modelName: model.name, modelConfig: model.config() },
    weightSpecs: specs,
    weightData: data,
  };
}

/** Load an artifact's weights into a model built from `artifact.metadata.modelConfig`. */
export function loadArtifactWeights<F>(model: PrmModel<F>, artifact: PrmArtifact): void {
  if (artifact.metadata.modelName !== model.name) {
    throw new Error(`loadArtifactWeights: artifact holds a '${artifact.metadata.modelName}', not a '${model.name}'`);
  }
  assignWeights(model.weights, decodeWeightData(artifact.weightSpecs, artifact.weightData));
}

export function encodeArtifact(artifact: PrmArtifact): Uint8Array {
  return encodeContainer(KIND, { format: ARTIFACT_FORMAT, metadata: artifact.metadata, weightSpecs: artifact.weightSpecs }, artifact.weightData);
}

export function decodeArtifact(bytes: Uint8Array): PrmArtifact {
  const { header, payload } = decodeContainer(bytes, KIND);
  if (header['format'] !== ARTIFACT_FORMAT) throw new Error(`decodeArtifact: unknown format '${String(header['format'])}'`);
  const metadata = header['metadata'] as PrmArtifactMetadata | undefined;
  const weightSpecs = header['weightSpecs'] as tf.io.WeightsManifestEntry[] | undefined;
  if (!metadata || typeof metadata.modelName !== 'string' || !Array.isArray(weightSpecs)) throw new Error('decodeArtifact: header lacks metadata or weightSpecs');
  // Validates sizes now rather than at load time.
  decodeWeightData(weightSpecs, payload);
  return { metadata, weightSpecs, weightData: Uint8Array.from(payload) };
}

/** As tfjs ModelArtifacts: our metadata rides in userDefinedMetadata, the model config as the topology. */
export function toModelArtifacts(artifact: PrmArtifact): tf.io.ModelArtifacts {
  const { buffer, byteOffset, byteLength } = artifact.weightData;
  return {
    format: ARTIFACT_FORMAT,
    generatedBy: `@prmbas/prm ${artifact.metadata.modelName}`,
    convertedBy: null,
    modelTopology: { modelName: artifact.metadata.modelName, modelConfig: artifact.metadata.modelConfig },
    weightSpecs: artifact.weightSpecs,
    weightData: buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer,
    userDefinedMetadata: { prmbas: artifact.metadata as unknown as Record<string, unknown> } as unknown as tf.io.ModelArtifacts['userDefinedMetadata'],
  };
}

export function fromModelArtifacts(artifacts: tf.io.ModelArtifacts): PrmArtifact {
  const metadata = (artifacts.userDefinedMetadata as { prmbas?: PrmArtifactMetadata } | undefined)?.prmbas;
  if (!metadata) throw new Error('fromModelArtifacts: no prmbas metadata in userDefinedMetadata');
  if (!artifacts.weightSpecs || !artifacts.weightData) throw new Error('fromModelArtifacts: no weights');
  const data = artifacts.weightData;
  const buffers = Array.isArray(data) ? data : [data];
  const joined = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of buffers) {
    joined.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return { metadata, weightSpecs: artifacts.weightSpecs, weightData: joined };
}

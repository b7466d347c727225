/**
 * An artifact as a tfjs model directory: `model.json` (format, topology = our model config,
 * weightsManifest pointing at weights.bin, our metadata in userDefinedMetadata) and `weights.bin`.
 * The layout tfjs's own `io` handlers read and write, for inspection and for tooling.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fromModelArtifacts, toModelArtifacts, type PrmArtifact } from './artifact';

export const MODEL_JSON = 'model.json';
export const WEIGHTS_BIN = 'weights.bin';

export async function writeArtifactDir(dir: string, artifact: PrmArtifact): Promise<void> {
  const a = toModelArtifacts(artifact);
  const modelJson = {
    format: a.format,
    generatedBy: a.generatedBy,
    convertedBy: a.convertedBy,
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: a.weightSpecs }],
    userDefinedMetadata: a.userDefinedMetadata,
  };
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, WEIGHTS_BIN), artifact.weightData);
  // model.json last: its presence marks a complete directory.
  await fs.writeFile(path.join(dir, MODEL_JSON), JSON.stringify(modelJson, null, 2));
}

interface ModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  modelTopology?: object;
  weightsManifest?: Array<{ paths: string[]; weights: PrmArtifact['weightSpecs'] }>;
  userDefinedMetadata?: Record<string, unknown>;
}

export async function readArtifactDir(dir: string): Promise<PrmArtifact> {
  const json = JSON.parse(await fs.readFile(path.join(dir, MODEL_JSON), 'utf8')) as ModelJson;
  if (!json.weightsManifest) throw new Error(`readArtifactDir: ${path.join(dir, MODEL_JSON)} has no weightsManifest`);
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  const parts = [];
  for (const group of json.weightsManifest) {
    for (const p of group.paths) {
      const resolved = path.resolve(dir, p);
      if (path.relative(dir, resolved).startsWith('..')) throw new Error(`readArtifactDir: weight path '${p}' leaves the directory`);
      parts.push(new Uint8Array(await fs.readFile(resolved)));
    }
  }
  return fromModelArtifacts({
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    modelTopology: json.modelTopology,
    weightSpecs: specs,
    weightData: parts.map((p) => p.buffer.slice(p.byteOffset, p.byteOffset + p.byteLength) as ArrayBuffer),
    userDefinedMetadata: json.userDefinedMetadata as never,
  });
}

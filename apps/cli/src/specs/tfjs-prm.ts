/**
 * `--prm tfjs:DIR`: a multimodal PRM trained with `prmbas train` (DIR holds model.json +
 * weights.bin). Loading is lazy: the directory is read and the backend initialised on the first
 * scored batch, so the spec can be resolved synchronously with the other components.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createTfjsPrm as createLibTfjsPrm, MODEL_JSON, type BackendPreference } from '@prmbas/prm';
import type { Prm } from '@prmbas/search';
import { UsageError } from './spec-string';

export const TFJS_PRM_PREFIX = 'tfjs:';

export function isTfjsPrmSpec(spec: string): boolean {
  return spec.trim().startsWith(TFJS_PRM_PREFIX);
}

/** `createTfjsPrm(dir)`: a `Prm` over a trained model directory. */
export function createTfjsPrm(dir: string, options: { backend?: BackendPreference; batchSize?: number } = {}): Prm {
  if (!existsSync(path.join(dir, MODEL_JSON))) {
    throw new UsageError(`--prm tfjs:${dir}: no ${MODEL_JSON} there (train one with: prmbas train --data FILE.jsonl --out ${dir})`);
  }
  return createLibTfjsPrm(dir, { ...options, name: `tfjs:${dir}` });
}

/** `tfjs:DIR` -> a `Prm`. */
export function createTfjsPrmFromSpec(spec: string, options: { backend?: BackendPreference } = {}): Prm {
  const dir = spec.trim().slice(TFJS_PRM_PREFIX.length).trim();
  if (!dir) throw new UsageError('--prm tfjs: needs a model directory, e.g. tfjs:./models/prm');
  return createTfjsPrm(dir, options);
}

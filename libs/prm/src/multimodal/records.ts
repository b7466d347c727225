/**
 * Dataset records (`SolutionRecord`, one per sampled solution, see @prmbas/rollouts) -> training
 * examples. Step t of a solution is one example (prefix = its earlier steps, value = its MC
 * value); its siblings share that prefix and form the rank-loss group with it. All examples of a
 * question share a batching cluster (one image encoding, shared prefix steps per batch).
 *
 * Files are read with @prmbas/rollouts' `readDatasetJsonl` (validated records); images are
 * loaded here (relative paths or data URLs, via its `resolveImageRef`).
 */
import { promises as fs } from 'node:fs';
import { readDatasetJsonl, resolveImageRef, type SolutionRecord } from '@prmbas/rollouts';
import type { PrmExample } from '../train/examples';
import type { MmFeaturizer, MmFeatures } from './featurizer';
import type { PrmImage } from './image-input';

/** Where a step example came from (for breakdowns; never a model input). */
export interface ExampleOrigin {
  recordId: string;
  questionId: string;
  /** Step index (= number of prefix steps). */
  step: number;
  /** -1 for the solution's own step, else the sibling's index. */
  sibling: number;
  text: string;
  prefix: readonly string[];
}

export interface RecordExample extends PrmExample<MmFeatures> {
  origin: ExampleOrigin;
}

export interface RecordExampleOptions {
  /** Make sibling examples and rank groups (default true). */
  siblings?: boolean;
  /** Drop exact duplicates of a step text within a sibling group (default false: keep the data as sampled). */
  dedupeSiblings?: boolean;
}

/** The examples of one record; `image` is its decoded image (null for text-only questions). */
export function recordExamples(record: SolutionRecord, featurizer: MmFeaturizer, image: PrmImage | null, options: RecordExampleOptions = {}): RecordExample[] {
  const withSiblings = options.siblings ?? true;
  const out: RecordExample[] = [];
  const texts = record.steps.map((s) => s.text);
  record.steps.forEach((step, t) => {
    const prefix = texts.slice(0, t);
    const siblings = withSiblings ? (step.siblings ?? []) : [];
    const group = siblings.length > 0 ? `${record.id}@${t}` : null;
    const seen = new Set<string>([step.text]);
    const parentValue = t === 0 ? 1 : (record.steps[t - 1] as { value: number }).value;
    const make = (text: string, value: number, sibling: number): RecordExample => ({
      features: { ...featurizer.featurizeWithImage(record.question, image, prefix, text), parentValue },
      value,
      group,
      cluster: record.questionId,
      origin: { recordId: record.id, questionId: record.questionId, step: t, sibling, text, prefix },
    });
    out.push(make(step.text, step.value, -1));
    siblings.forEach((s, k) => {
      if (options.dedupeSiblings && seen.has(s.text)) return;
      seen.add(s.text);
      out.push(make(s.text, s.value, k));
    });
  });
  return out;
}

/** Bytes of a record's image: a data URL, or a path relative to the dataset file's folder. */
export async function loadRecordImage(ref: string | null, datasetFile: string): Promise<Uint8Array | null> {
  if (ref === null || ref === '') return null;
  const data = /^data:[^;,]*;base64,(.*)$/s.exec(ref);
  if (data) return new Uint8Array(Buffer.from(data[1] as string, 'base64'));
  return new Uint8Array(await fs.readFile(resolveImageRef(datasetFile, ref)));
}

export interface LoadedDataset {
  file: string;
  records: SolutionRecord[];
  /** Image bytes by record id (records of one question share the same array). */
  images: Map<string, Uint8Array | null>;
}

/** Read a JSONL dataset file and its images. */
export async function readSolutionDataset(file: string): Promise<LoadedDataset> {
  const records = await readDatasetJsonl(file);
  const byRef = new Map<string, Uint8Array | null>();
  const images = new Map<string, Uint8Array | null>();
  for (const r of records) {
    const ref = r.image ?? '';
    if (!byRef.has(ref)) byRef.set(ref, await loadRecordImage(r.image, file));
    images.set(r.id, byRef.get(ref) ?? null);
  }
  return { file, records, images };
}

/** Split records by question id into train / held-out (deterministic, by a hash of the id). */
export function splitByQuestion(records: readonly SolutionRecord[], heldOutShare: number, salt = 'split'): { train: SolutionRecord[]; heldOut: SolutionRecord[] } {
  const train: SolutionRecord[] = [];
  const heldOut: SolutionRecord[] = [];
  for (const r of records) (unitHash(`${salt}:${r.questionId}`) < heldOutShare ? heldOut : train).push(r);
  return { train, heldOut };
}

function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

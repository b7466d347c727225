/**
 * The synth suite's hidden ground truth, carried inside each PNG as a `tEXt` chunk.
 *
 * ONLY the simulated policy (standing in for a model's perception) and reference-solution tooling
 * read this chunk. Everything that plays the role of a learner or judge — PRMs, search, scorers
 * trained on images — must see pixels only; reading the chunk there would leak the answer.
 */
import type { Problem } from '@prmbas/search';
import { isPng, readTextChunk, insertTextChunk } from './png-text-chunk';
import type { Step } from './step-grammar';
import { solvePayload, type SynthPayload } from './synth-program';

/** tEXt keyword of the synth payload. */
export const SYNTH_CHUNK_KEYWORD = 'prmbas-synth';

const cache = new WeakMap<Uint8Array, SynthPayload | null>();

/** A copy of the PNG carrying `payload` (JSON, ASCII) in a `prmbas-synth` tEXt chunk. */
export function attachSynthPayload(png: Uint8Array, payload: SynthPayload): Uint8Array {
  return insertTextChunk(png, SYNTH_CHUNK_KEYWORD, JSON.stringify(payload));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The payload of a synth PNG, or null for any other image. Cached per byte array; do not mutate. */
export function readSynthPayload(image: Uint8Array): SynthPayload | null {
  const hit = cache.get(image);
  if (hit !== undefined) return hit;
  let payload: SynthPayload | null = null;
  if (isPng(image)) {
    const text = readTextChunk(image, SYNTH_CHUNK_KEYWORD);
    if (text !== null) {
      const parsed = JSON.parse(text) as SynthPayload;
      if (parsed.version !== 1) throw new Error(`unsupported synth payload version ${String(parsed.version)}`);
      payload = deepFreeze(parsed);
    }
  }
  cache.set(image, payload);
  return payload;
}

/** The payload of a problem's first image, or null when it is not a synth question. */
export function synthPayloadOf(problem: Problem): SynthPayload | null {
  const image = problem.images[0];
  return image ? readSynthPayload(image.data) : null;
}

/** The correct steps of a synth question (the last one states the gold answer). */
export function referenceSolution(question: Problem): Step[] {
  const payload = synthPayloadOf(question);
  if (!payload) throw new Error(`question ${question.id} is not a synth question (its image carries no ${SYNTH_CHUNK_KEYWORD} chunk)`);
  return solvePayload(payload);
}

/**
 * How a dataset record stored in Postgres names its image: `blob:<sha256>` of the question's first
 * image (the `blobs` row that holds it). Stable across builds and machines, unlike a file path,
 * and what `readDatasetRecords` gives back, so a record read back equals the record written.
 */
import { createHash } from 'node:crypto';

export const BLOB_IMAGE_REF_PREFIX = 'blob:';

export function blobImageRef(sha256: string): string {
  return `${BLOB_IMAGE_REF_PREFIX}${sha256}`;
}

/** The builder's `imageRef` for a Postgres dataset: the ref of the question's first image, or null. */
export function questionImageRef(question: { images: readonly { data: Uint8Array }[] }): string | null {
  const first = question.images[0];
  return first ? blobImageRef(createHash('sha256').update(first.data).digest('hex')) : null;
}

export function dataUrl(mime: string, data: Uint8Array): string {
  return `data:${mime};base64,${Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')}`;
}

/**
 * Serving a stored image blob (a dataset question's, an annotation item's trace's): one route
 * shape for every domain that holds images as content-addressed blobs.
 */
import type { Response } from 'express';
import { z } from 'zod';
import { AppError } from '../errors/app-error';

/** The `:position` route parameter of image routes. */
export const ZImagePosition = z.coerce.number({ error: 'must be an image position' }).int('must be an integer').min(0, 'must be >= 0');

export interface StoredImageBytes {
  sha256: string;
  contentType: string;
  byteSize: number;
  /** Null when the blob lives on disk (not served by this API: see the README). */
  data: Uint8Array | null;
}

/**
 * Answers with the image's bytes, or 304 when the client's ETag (the blob's sha256) matches;
 * 404 (naming `position`) when there is no such image, 503 when its bytes live on disk.
 * `kind` and `id` name it in errors (`question image`, `q1/0`).
 */
export function sendStoredImage(res: Response, image: StoredImageBytes | null, name: { kind: string; id: string }, ifNoneMatch: string | undefined): void {
  if (!image) throw AppError.notFound(name.kind, name.id, { param: 'position' });
  if (!image.data) throw AppError.unavailable(`${name.kind} ${name.id} is stored on disk, which this API does not serve`);
  const etag = `"${image.sha256}"`;
  // Authorised bytes: cacheable by the browser only (private). The bytes under these URLs never
  // change (no route edits images; a deleted owner's URL 404s), so they are immutable.
  res.set({ etag, 'cache-control': 'private, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' });
  if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
    res.status(304).end();
    return;
  }
  res.status(200).set({ 'content-type': image.contentType, 'content-length': String(image.byteSize) }).end(Buffer.from(image.data));
}

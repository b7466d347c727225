/**
 * What a dataset import accepts. The JSONL is parsed in memory (records are checked as a whole
 * before anything is written), so the caps bound the memory one upload can take.
 */
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from '@prmbas/db';

export interface DatasetUploadLimits {
  /** The JSONL part. */
  fileBytes: number;
  /** Each image (uploaded part or data URL); types by magic bytes. */
  images: ImageLimits;
  /** Image parts in one request. */
  imageParts: number;
  /** The whole multipart body, when the client states its length. */
  requestBytes: number;
  /** Records (lines) in one file. */
  records: number;
}

export const DATASET_UPLOAD_LIMITS: DatasetUploadLimits = {
  fileBytes: 64 * 1024 * 1024, // ~100k records of a small suite with sibling steps and data-URL images
  images: DEFAULT_IMAGE_LIMITS, // 10 MB each; png, jpeg, gif, webp
  imageParts: 2_000,
  requestBytes: 256 * 1024 * 1024,
  records: 200_000,
};

/** The media types a JSONL part may be declared as (browsers send the last two for .jsonl files). */
export const JSONL_MEDIA_TYPES = ['application/jsonl', 'application/x-ndjson', 'application/json', 'application/x-jsonlines', 'text/plain', 'application/octet-stream', ''];

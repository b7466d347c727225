/**
 * Where question and trace images go. Every image is a row of `blobs` (content-addressed by
 * sha256, so the same picture is stored once); the bytes live in Postgres (`PostgresImageStore`)
 * or in a folder on disk (`DiskImageStore`). Both enforce the same limits before storing: a size
 * cap, an allowed set of types, and a declared type that matches the file's magic bytes.
 */

export interface ImageInput {
  /** Declared MIME type, e.g. `image/png`. */
  mime: string;
  data: Uint8Array;
}

export interface ImageRef {
  /** The `blobs` row id: what `dataset_question_images` / `trace_images` reference. */
  id: string;
  sha256: string;
  mime: string;
  byteSize: number;
  storage: 'postgres' | 'disk';
}

export interface StoredImage extends ImageRef {
  data: Uint8Array;
}

export interface ImageStore {
  /** Validate and store; the same bytes stored before give the existing ref. */
  put(image: ImageInput): Promise<ImageRef>;
  /** The image with its bytes, or null when no such blob exists. */
  get(id: string): Promise<StoredImage | null>;
}

export interface ImageLimits {
  /** Largest accepted image in bytes. */
  maxBytes: number;
  /** Accepted MIME types (each must be one `sniffImageType` recognises). */
  allowedTypes: readonly string[];
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxBytes: 10 * 1024 * 1024, // generous for benchmark figures (MathVista's largest are ~2 MB); traces must stay small
  allowedTypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
};

export type ImageRejection = 'empty' | 'too-large' | 'type-not-allowed' | 'type-mismatch';

export class ImageRejectedError extends Error {
  constructor(
    readonly reason: ImageRejection,
    message: string,
  ) {
    super(message);
    this.name = 'ImageRejectedError';
  }
}

const startsWith = (data: Uint8Array, bytes: readonly number[], offset = 0) => bytes.every((b, i) => data[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The image type the bytes actually are (by magic number), or null. */
export function sniffImageType(data: Uint8Array): string | null {
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(data, ascii('GIF87a')) || startsWith(data, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** Check an image against the limits; returns its normalised MIME type. */
export function validateImage(image: ImageInput, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): string {
  const mime = image.mime.trim().toLowerCase().split(';')[0]!.trim();
  if (image.data.byteLength === 0) throw new ImageRejectedError('empty', 'image is empty');
  if (image.data.byteLength > limits.maxBytes) {
    throw new ImageRejectedError('too-large', `image is ${image.data.byteLength} bytes; the limit is ${limits.maxBytes}`);
  }
  if (!limits.allowedTypes.includes(mime)) {
    throw new ImageRejectedError('type-not-allowed', `image type '${mime}' is not allowed (allowed: ${limits.allowedTypes.join(', ')})`);
  }
  const actual = sniffImageType(image.data);
  if (actual !== mime) {
    throw new ImageRejectedError('type-mismatch', `image declared as '${mime}' but its bytes are ${actual ?? 'not a known image type'}`);
  }
  return mime;
}

/**
 * Images of chat messages: `image_url` parts holding data URLs, decoded and checked against the
 * platform's image limits (size, allowed types, declared type = magic bytes). The server never
 * fetches a remote URL: a request carries its images.
 */
import { DEFAULT_IMAGE_LIMITS, ImageRejectedError, validateImage } from '@prmbas/db';
import type { ProblemImage } from '@prmbas/search';
import { AppError } from '../errors/app-error';

const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+)((?:;[a-z0-9-]+=[^;,]*)*);base64,/i;
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** Decode and check one data URL; errors name `param` (the part's `image_url.url`). */
export function decodeImageDataUrl(url: string, param: string, maxBytes: number): ProblemImage {
  const head = DATA_URL.exec(url);
  if (!head) {
    const remote = /^https?:\/\//i.test(url);
    throw AppError.validation(
      `${param}: ${remote ? 'remote image URLs are not fetched; send the image inline as' : 'must be'} a base64 data URL such as data:image/png;base64,iVBORw0...`,
      { param, code: 'invalid_image_url' },
    );
  }
  const payload = url.slice(head[0].length);
  // The encoded size bounds the decoded one: refuse before decoding a huge string.
  if (payload.length > Math.ceil((maxBytes * 4) / 3) + 8) {
    throw AppError.validation(`${param}: the image is larger than the limit of ${maxBytes} bytes`, { param, code: 'image_too_large' });
  }
  if (!BASE64.test(payload)) throw AppError.validation(`${param}: the data URL's payload is not valid base64`, { param, code: 'invalid_image_url' });
  const data = new Uint8Array(Buffer.from(payload, 'base64'));
  let mime: string;
  try {
    mime = validateImage({ mime: head[1]!, data }, { ...DEFAULT_IMAGE_LIMITS, maxBytes });
  } catch (error) {
    if (!(error instanceof ImageRejectedError)) throw error;
    throw AppError.validation(`${param}: ${error.message}`, { param, code: error.reason === 'too-large' ? 'image_too_large' : 'invalid_image' });
  }
  return { mime, data };
}

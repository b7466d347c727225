import { describe, expect, it } from 'vitest';
import { ImageRejectedError, sniffImageType, validateImage } from './image-store';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const WEBP = Uint8Array.from([...'RIFF'].map((c) => c.charCodeAt(0)).concat([0, 0, 0, 0], [...'WEBP'].map((c) => c.charCodeAt(0))));

const rejection = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof ImageRejectedError ? error.reason : error;
  }
  return 'accepted';
};

describe('image validation', () => {
  it('recognises types by their magic bytes', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(JPEG)).toBe('image/jpeg');
    expect(sniffImageType(WEBP)).toBe('image/webp');
    expect(sniffImageType(new TextEncoder().encode('GIF89a...'))).toBe('image/gif');
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns=...'))).toBeNull();
  });

  it('accepts an allowed image whose bytes match its declared type (type normalised)', () => {
    expect(validateImage({ mime: 'IMAGE/PNG; charset=binary', data: PNG })).toBe('image/png');
  });

  it('rejects empty, oversized, disallowed and mislabelled images, saying why', () => {
    expect(rejection(() => validateImage({ mime: 'image/png', data: new Uint8Array() }))).toBe('empty');
    expect(rejection(() => validateImage({ mime: 'image/png', data: PNG }, { maxBytes: 8, allowedTypes: ['image/png'] }))).toBe('too-large');
    expect(rejection(() => validateImage({ mime: 'image/svg+xml', data: new TextEncoder().encode('<svg/>') }))).toBe('type-not-allowed');
    expect(rejection(() => validateImage({ mime: 'image/jpeg', data: PNG }))).toBe('type-mismatch');
    expect(() => validateImage({ mime: 'image/jpeg', data: PNG })).toThrow("declared as 'image/jpeg' but its bytes are image/png");
  });
});

import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { crc32, insertTextChunk, listChunks, readTextChunk, readTextChunks } from './png-text-chunk';
import { Raster } from './raster';

describe('png text chunks', () => {
  const png = new Raster(8, 6, [10, 200, 30]).toPng();

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('inserts a tEXt chunk before IEND that decoders accept and we read back', () => {
    const text = JSON.stringify({ a: [1, 2, 3], s: 'x y' });
    const out = insertTextChunk(png, 'prmbas-test', text);
    const types = listChunks(out).map((c) => c.type);
    expect(types[types.length - 1]).toBe('IEND');
    expect(types[types.length - 2]).toBe('tEXt');
    expect(readTextChunk(out, 'prmbas-test')).toBe(text);
    expect(readTextChunk(out, 'other')).toBeNull();
    const decoded = PNG.sync.read(Buffer.from(out), { checkCRC: true });
    expect([decoded.width, decoded.height]).toEqual([8, 6]);
    expect([...decoded.data.subarray(0, 3)]).toEqual([10, 200, 30]);
  });

  it('keeps several chunks apart and leaves the input untouched', () => {
    const before = png.slice();
    const out = insertTextChunk(insertTextChunk(png, 'k1', 'one'), 'k2', 'two');
    expect([...readTextChunks(out).entries()]).toEqual([['k1', 'one'], ['k2', 'two']]);
    expect(png).toEqual(before);
  });

  it('detects corruption and rejects bad input', () => {
    const out = insertTextChunk(png, 'k', 'hello');
    const bad = out.slice();
    bad[bad.length - 20] = bad[bad.length - 20]! ^ 0xff;
    expect(() => listChunks(bad)).toThrow(/CRC mismatch|truncated/);
    expect(() => listChunks(new Uint8Array([1, 2, 3]))).toThrow(/not a PNG/);
    expect(() => insertTextChunk(png, '', 'x')).toThrow(/keyword/);
    expect(() => insertTextChunk(png, 'k', 'snow ☃')).toThrow(/Latin-1/);
  });
});

/**
 * Reading and writing PNG `tEXt` chunks (pngjs writes none). A chunk is
 * length(4, big-endian) | type(4) | data | CRC-32 over type+data.
 */

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let crcTable: Uint32Array | null = null;

function table(): Uint32Array {
  if (crcTable) return crcTable;
  crcTable = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crcTable[n] = c >>> 0;
  }
  return crcTable;
}

/** CRC-32 (ISO 3309, the one PNG uses). */
export function crc32(bytes: Uint8Array): number {
  const t = table();
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface PngChunk {
  type: string;
  data: Uint8Array;
  /** Byte offset of the chunk's length field in the file. */
  offset: number;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** All chunks of a PNG, in order. Throws on a bad signature, a truncated chunk or a CRC mismatch. */
export function listChunks(png: Uint8Array): PngChunk[] {
  if (!isPng(png)) throw new Error('not a PNG file (bad signature)');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: PngChunk[] = [];
  let pos = 8;
  while (pos < png.length) {
    if (pos + 12 > png.length) throw new Error(`truncated PNG chunk at byte ${pos}`);
    const length = view.getUint32(pos);
    const end = pos + 12 + length;
    if (end > png.length) throw new Error(`truncated PNG chunk at byte ${pos}`);
    const type = String.fromCharCode(...png.subarray(pos + 4, pos + 8));
    const crc = view.getUint32(pos + 8 + length);
    if (crc32(png.subarray(pos + 4, pos + 8 + length)) !== crc) throw new Error(`CRC mismatch in PNG chunk ${type} at byte ${pos}`);
    chunks.push({ type, data: png.subarray(pos + 8, pos + 8 + length), offset: pos });
    pos = end;
    if (type === 'IEND') break;
  }
  return chunks;
}

function latin1Bytes(text: string, what: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new Error(`tEXt ${what} must be Latin-1; character ${i} is U+${c.toString(16)}`);
    out[i] = c;
  }
  return out;
}

/** Build one encoded chunk (length, type, data, CRC). */
export function encodeChunk(type: string, data: Uint8Array): Uint8Array {
  if (!/^[A-Za-z]{4}$/.test(type)) throw new Error(`PNG chunk type must be 4 letters, got ${JSON.stringify(type)}`);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(latin1Bytes(type, 'type'), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A copy of `png` with a `tEXt` chunk (keyword, text) inserted just before IEND. */
export function insertTextChunk(png: Uint8Array, keyword: string, text: string): Uint8Array {
  if (keyword.length < 1 || keyword.length > 79 || keyword.includes('\0')) {
    throw new Error(`tEXt keyword must be 1-79 characters without NUL, got ${JSON.stringify(keyword)}`);
  }
  const iend = listChunks(png).find((c) => c.type === 'IEND');
  if (!iend) throw new Error('PNG has no IEND chunk');
  const kw = latin1Bytes(keyword, 'keyword');
  const body = latin1Bytes(text, 'text');
  const data = new Uint8Array(kw.length + 1 + body.length);
  data.set(kw, 0);
  data.set(body, kw.length + 1);
  const chunk = encodeChunk('tEXt', data);
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, iend.offset), 0);
  out.set(chunk, iend.offset);
  out.set(png.subarray(iend.offset), iend.offset + chunk.length);
  return out;
}

/** Every `tEXt` chunk as keyword -> text (the first one wins when a keyword repeats). */
export function readTextChunks(png: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  for (const chunk of listChunks(png)) {
    if (chunk.type !== 'tEXt') continue;
    const nul = chunk.data.indexOf(0);
    if (nul < 1) continue;
    const keyword = String.fromCharCode(...chunk.data.subarray(0, nul));
    if (out.has(keyword)) continue;
    let text = '';
    // Decode in slices: spreading a large chunk into fromCharCode would overflow the call stack.
    for (let i = nul + 1; i < chunk.data.length; i += 8192) {
      text += String.fromCharCode(...chunk.data.subarray(i, Math.min(i + 8192, chunk.data.length)));
    }
    out.set(keyword, text);
  }
  return out;
}

/** The text of the first `tEXt` chunk with `keyword`, or null. */
export function readTextChunk(png: Uint8Array, keyword: string): string | null {
  return readTextChunks(png).get(keyword) ?? null;
}

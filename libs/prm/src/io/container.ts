/**
 * One self-describing byte string for a JSON header plus a binary payload, so a checkpoint or a
 * model can be stored as a single value (a Postgres bytea, a file, an object-store blob):
 *
 *   bytes 0..7   magic "PRMBAS\0" + format version (1 byte)
 *   bytes 8..11  header length H (uint32, little-endian)
 *   bytes 12..   H bytes of UTF-8 JSON: { kind, ...header }
 *   then         the payload, to the end
 */

const MAGIC = [0x50, 0x52, 0x4d, 0x42, 0x41, 0x53, 0x00]; // "PRMBAS\0"
const VERSION = 1;
const PREFIX = 12;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Container {
  kind: string;
  header: Record<string, unknown>;
  payload: Uint8Array;
}

export function encodeContainer(kind: string, header: Record<string, unknown>, payload: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify({ ...header, kind }));
  const out = new Uint8Array(PREFIX + json.length + payload.length);
  out.set(MAGIC, 0);
  out[7] = VERSION;
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, PREFIX);
  out.set(payload, PREFIX + json.length);
  return out;
}

/** Decode and check the kind; the payload is a view into `bytes` (copy it to keep it past `bytes`). */
export function decodeContainer(bytes: Uint8Array, expectedKind?: string): Container {
  if (bytes.length < PREFIX || MAGIC.some((b, k) => bytes[k] !== b)) throw new Error('decodeContainer: not a PRM-BAS container (bad magic)');
  if (bytes[7] !== VERSION) throw new Error(`decodeContainer: unsupported container version ${bytes[7]}`);
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (PREFIX + length > bytes.length) throw new Error('decodeContainer: truncated header');
  const parsed = JSON.parse(new TextDecoder().decode(bytes.subarray(PREFIX, PREFIX + length))) as Record<string, unknown>;
  const { kind, ...header } = parsed;
  if (typeof kind !== 'string') throw new Error('decodeContainer: header has no kind');
  if (expectedKind !== undefined && kind !== expectedKind) throw new Error(`decodeContainer: expected a '${expectedKind}', got a '${kind}'`);
  return { kind, header, payload: bytes.subarray(PREFIX + length) };
}

/**
 * Images as the PRM sees them: PNG (or any format `decodePng` reads) -> RGB bytes at a fixed
 * square input size. Only pixels are used: text chunks (the synth suite's hidden `prmbas-synth`
 * payload among them) are never read, and the cache key is a hash of the decoded pixels, so two
 * files with the same pixels are the same input whatever metadata they carry.
 */
import { decodePng } from '@prmbas/tasks';

export interface PrmImage {
  /** Hash of the resized pixels (identity for batching and caches). */
  key: string;
  size: number;
  /** RGB, row-major, size * size * 3 bytes. */
  pixels: Uint8Array;
  palette: Palette;
  objects: ImageObjects;
}

/**
 * The image's regions: connected components (4-connectivity) of equal palette colour, largest
 * first, without the largest one (the background), at most `MAX_OBJECTS`. Each carries its mean
 * colour and generic geometric descriptors (size, bounding box, fill ratio, elongation, second
 * moments), from which the model learns what kind of thing a region is.
 */
export interface ImageObjects {
  count: number;
  /** [count, 3] mean colour in [0, 1]. */
  colors: Float32Array;
  /** [count, OBJECT_DESCRIPTORS]. */
  descriptors: Float32Array;
}

export const MAX_OBJECTS = 40; // a synth shape scene holds at most 36 objects (6 x 6 grid)
export const OBJECT_DESCRIPTORS = 9;
/** Regions smaller than this many pixels are left out (specks, anti-aliasing, thin text strokes). */
export const MIN_OBJECT_AREA = 6;

export function imageObjects(palette: Palette, size: number, maxObjects = MAX_OBJECTS): ImageObjects {
  const n = size * size;
  const label = new Int32Array(n).fill(-1);
  const comps: Array<{ area: number; x0: number; x1: number; y0: number; y1: number; sx: number; sy: number; sxx: number; syy: number; sxy: number; color: number }> = [];
  const stack: number[] = [];
  for (let start = 0; start < n; start++) {
    if (label[start] !== -1) continue;
    const color = palette.index[start] as number;
    const id = comps.length;
    const c = { area: 0, x0: size, x1: -1, y0: size, y1: -1, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0, color };
    label[start] = id;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop() as number;
      const x = i % size;
      const y = (i - x) / size;
      c.area++;
      c.x0 = Math.min(c.x0, x);
      c.x1 = Math.max(c.x1, x);
      c.y0 = Math.min(c.y0, y);
      c.y1 = Math.max(c.y1, y);
      c.sx += x;
      c.sy += y;
      c.sxx += x * x;
      c.syy += y * y;
      c.sxy += x * y;
      const visit = (j: number) => {
        if (label[j] === -1 && palette.index[j] === color) {
          label[j] = id;
          stack.push(j);
        }
      };
      if (x > 0) visit(i - 1);
      if (x < size - 1) visit(i + 1);
      if (y > 0) visit(i - size);
      if (y < size - 1) visit(i + size);
    }
    comps.push(c);
  }
  const sorted = comps.slice().sort((a, b) => b.area - a.area);
  const kept = sorted.slice(1).filter((c) => c.area >= MIN_OBJECT_AREA).slice(0, maxObjects);
  const colors = new Float32Array(kept.length * 3);
  const descriptors = new Float32Array(kept.length * OBJECT_DESCRIPTORS);
  kept.forEach((c, k) => {
    for (let ch = 0; ch < 3; ch++) colors[3 * k + ch] = palette.colors[3 * c.color + ch] as number;
    const w = c.x1 - c.x0 + 1;
    const h = c.y1 - c.y0 + 1;
    const mx = c.sx / c.area;
    const my = c.sy / c.area;
    const a2 = c.area * c.area;
    const mu20 = (c.sxx / c.area - mx * mx) * c.area;
    const mu02 = (c.syy / c.area - my * my) * c.area;
    const mu11 = (c.sxy / c.area - mx * my) * c.area;
    const d = [
      Math.log(c.area) / 5, // size
      w / size, // bounding box
      h / size,
      c.area / (w * h), // fill ratio
      Math.log(w / h), // elongation
      (10 * mu20) / a2, // scale-free second moments
      (10 * mu02) / a2,
      (10 * mu11) / a2,
      (my - c.y0) / h, // where the mass sits vertically in the box
    ];
    d.forEach((v, j) => (descriptors[k * OBJECT_DESCRIPTORS + j] = v));
  });
  return { count: kept.length, colors, descriptors };
}


/**
 * The image as a palette: its distinct colours (exact when there are few, else colours quantised
 * to fewer bits until at most `maxColors` remain, each bin represented by the mean colour of its
 * pixels), how many pixels have each, and in which rows and columns each occurs.
 *
 * A per-pixel function (the model's 1x1 detector MLP) then needs evaluating once per colour, and
 * pooled quantities are exact reformulations: the sum over pixels of D D^T is sum_p n_p d_p d_p^T,
 * and "which detectors fire in row y" is the set of colours present in row y.
 */
export interface Palette {
  /** Colours, [count, 3] in [0, 1]. */
  colors: Float32Array;
  /** Pixels per colour. */
  counts: Float32Array;
  /** [size (rows), count]: 1 where the colour occurs in that row. */
  rows: Float32Array;
  /** [size (columns), count]: 1 where the colour occurs in that column. */
  cols: Float32Array;
  count: number;
  /** Low bits dropped per channel before binning (0 = exact colours). */
  shift: number;
  /** [size * size]: the palette entry of each pixel (row-major), for spatial pathways. */
  index: Int32Array;
}

export const MAX_PALETTE_COLORS = 256; // synth images have ~10-40 colours; photos get quantised bins

export function imagePalette(pixels: Uint8Array, size: number, maxColors = MAX_PALETTE_COLORS): Palette {
  for (let shift = 0; ; shift++) {
    const bins = new Map<number, number>();
    const index = new Int32Array(size * size);
    for (let i = 0; i < size * size; i++) {
      const r = (pixels[3 * i] as number) >> shift;
      const g = (pixels[3 * i + 1] as number) >> shift;
      const b = (pixels[3 * i + 2] as number) >> shift;
      const bin = (r << 16) | (g << 8) | b;
      let k = bins.get(bin);
      if (k === undefined) {
        k = bins.size;
        bins.set(bin, k);
      }
      index[i] = k;
    }
    if (bins.size > maxColors && shift < 7) continue;
    const P = bins.size;
    const sums = new Float64Array(P * 3);
    const counts = new Float32Array(P);
    const rows = new Float32Array(size * P);
    const cols = new Float32Array(size * P);
    for (let i = 0; i < size * size; i++) {
      const k = index[i] as number;
      const y = Math.floor(i / size);
      const x = i % size;
      counts[k] = (counts[k] as number) + 1;
      for (let c = 0; c < 3; c++) sums[3 * k + c] = (sums[3 * k + c] as number) + (pixels[3 * i + c] as number);
      rows[y * P + k] = 1;
      cols[x * P + k] = 1;
    }
    const colors = new Float32Array(P * 3);
    for (let k = 0; k < P; k++) for (let c = 0; c < 3; c++) colors[3 * k + c] = (sums[3 * k + c] as number) / (counts[k] as number) / 255;
    return { colors, counts, rows, cols, count: P, shift, index };
  }
}

/** FNV-1a over bytes, two lanes, as 16 hex characters. */
export function hashBytes(bytes: Uint8Array, seed = 0): string {
  let a = 0x811c9dc5 ^ seed;
  let b = 0x01000193 ^ (seed * 31 + 7);
  for (let i = 0; i < bytes.length; i++) {
    const x = bytes[i] as number;
    a = Math.imul(a ^ x, 0x01000193);
    b = Math.imul(b ^ x, 0x5bd1e995) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * Resample an RGB raster to size x size by area averaging (box filter): exact copy when the size
 * matches, an average of the covered source pixels when shrinking, nearest-like when growing.
 */
export function resizeRgb(data: Uint8Array, width: number, height: number, size: number): Uint8Array {
  if (width === size && height === size) return Uint8Array.from(data);
  const out = new Uint8Array(size * size * 3);
  const sx = width / size;
  const sy = height / size;
  for (let y = 0; y < size; y++) {
    const y0 = Math.floor(y * sy);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
    for (let x = 0; x < size; x++) {
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
      const acc: [number, number, number] = [0, 0, 0];
      let n = 0;
      for (let v = y0; v < Math.min(y1, height); v++) {
        for (let u = x0; u < Math.min(x1, width); u++) {
          const i = (v * width + u) * 3;
          acc[0] += data[i] as number;
          acc[1] += data[i + 1] as number;
          acc[2] += data[i + 2] as number;
          n++;
        }
      }
      const o = (y * size + x) * 3;
      for (let c = 0; c < 3; c++) out[o + c] = Math.round((acc[c] as number) / Math.max(1, n));
    }
  }
  return out;
}

/** Decode encoded image bytes and resize to the model's input size. */
export function decodeImage(bytes: Uint8Array, size: number): PrmImage {
  const raster = decodePng(bytes);
  const pixels = resizeRgb(raster.data, raster.width, raster.height, size);
  const palette = imagePalette(pixels, size);
  return { key: hashBytes(pixels), size, pixels, palette, objects: imageObjects(palette, size) };
}

/**
 * Decoded images by byte array (identity) with a bounded size: a search depth scores many items
 * of one problem, whose image is decoded once.
 */
export class ImageCache {
  private byArray = new WeakMap<Uint8Array, PrmImage>();
  private byKey = new Map<string, PrmImage>();

  constructor(
    readonly size: number,
    private readonly maxEntries = 4096,
  ) {}

  get(bytes: Uint8Array): PrmImage {
    const hit = this.byArray.get(bytes);
    if (hit) return hit;
    const decoded = decodeImage(bytes, this.size);
    // Same pixels from another byte array share one entry (and one batch slot).
    const shared = this.byKey.get(decoded.key) ?? decoded;
    if (!this.byKey.has(decoded.key)) {
      if (this.byKey.size >= this.maxEntries) this.byKey.clear();
      this.byKey.set(decoded.key, shared);
    }
    this.byArray.set(bytes, shared);
    return shared;
  }
}

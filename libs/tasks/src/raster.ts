/**
 * A minimal RGB raster with the drawing primitives the synthetic renderers need, encoded to PNG
 * with pngjs. No system fonts or native canvas: rendering is pure arithmetic on a byte buffer, so
 * the same inputs give byte-identical images on every machine.
 */
import { PNG } from 'pngjs';
import type { Rgb } from './synth-entities';

export class Raster {
  readonly data: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw new Error(`raster size must be positive integers, got ${width}x${height}`);
    }
    this.data = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  setPixel(x: number, y: number, color: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    this.data[i] = color[0];
    this.data[i + 1] = color[1];
    this.data[i + 2] = color[2];
  }

  getPixel(x: number, y: number): Rgb {
    const i = (y * this.width + x) * 3;
    return [this.data[i] as number, this.data[i + 1] as number, this.data[i + 2] as number];
  }

  /** Fill the pixels with x in [x0, x0+w) and y in [y0, y0+h), clipped to the raster. */
  fillRect(x0: number, y0: number, w: number, h: number, color: Rgb): void {
    const xa = Math.max(0, Math.round(x0));
    const ya = Math.max(0, Math.round(y0));
    const xb = Math.min(this.width, Math.round(x0 + w));
    const yb = Math.min(this.height, Math.round(y0 + h));
    for (let y = ya; y < yb; y++) {
      for (let x = xa; x < xb; x++) this.setPixel(x, y, color);
    }
  }

  hLine(x0: number, x1: number, y: number, color: Rgb): void {
    this.fillRect(x0, y, x1 - x0 + 1, 1, color);
  }

  vLine(x: number, y0: number, y1: number, color: Rgb): void {
    this.fillRect(x, y0, 1, y1 - y0 + 1, color);
  }

  /** Pixels whose centre lies within `r` of (cx, cy). */
  fillCircle(cx: number, cy: number, r: number, color: Rgb): void {
    for (let y = Math.floor(cy - r); y <= Math.ceil(cy + r); y++) {
      for (let x = Math.floor(cx - r); x <= Math.ceil(cx + r); x++) {
        const dx = x + 0.5 - cx;
        const dy = y + 0.5 - cy;
        if (dx * dx + dy * dy <= r * r) this.setPixel(x, y, color);
      }
    }
  }

  /** Pixels whose centre lies inside the triangle (any winding). */
  fillTriangle(a: readonly [number, number], b: readonly [number, number], c: readonly [number, number], color: Rgb): void {
    const minX = Math.floor(Math.min(a[0], b[0], c[0]));
    const maxX = Math.ceil(Math.max(a[0], b[0], c[0]));
    const minY = Math.floor(Math.min(a[1], b[1], c[1]));
    const maxY = Math.ceil(Math.max(a[1], b[1], c[1]));
    const edge = (p: readonly [number, number], q: readonly [number, number], x: number, y: number) =>
      (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
    for (let y = minY; y <= maxY; y++) {
      for (let x = minX; x <= maxX; x++) {
        const px = x + 0.5;
        const py = y + 0.5;
        const e0 = edge(a, b, px, py);
        const e1 = edge(b, c, px, py);
        const e2 = edge(c, a, px, py);
        if ((e0 >= 0 && e1 >= 0 && e2 >= 0) || (e0 <= 0 && e1 <= 0 && e2 <= 0)) this.setPixel(x, y, color);
      }
    }
  }

  /** Encode as an 8-bit RGB PNG (deterministic: fixed filter and deflate settings). */
  toPng(): Uint8Array {
    const png = new PNG({ width: this.width, height: this.height });
    png.data = Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength);
    const bytes = PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false, deflateLevel: 6 });
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}

/** Decode a PNG into a Raster (any PNG pngjs reads; alpha is composited over white). */
export function decodePng(bytes: Uint8Array): Raster {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const raster = new Raster(png.width, png.height);
  for (let i = 0, j = 0; i < png.data.length; i += 4, j += 3) {
    const alpha = (png.data[i + 3] as number) / 255;
    for (let c = 0; c < 3; c++) {
      raster.data[j + c] = Math.round((png.data[i + c] as number) * alpha + 255 * (1 - alpha));
    }
  }
  return raster;
}

/** Add a per-channel offset to a colour, clamped to [0, 255]. */
export function jitterColor(color: Rgb, offsets: readonly [number, number, number]): Rgb {
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  return [clamp(color[0] + offsets[0]), clamp(color[1] + offsets[1]), clamp(color[2] + offsets[2])];
}

import { Rng } from '@prmbas/search';
import { describe, expect, it } from 'vitest';
import { decodePng, type Raster } from './raster';
import { placeShapes, renderShapeScene } from './shape-scene';
import { COLOR_NAMES, COLOR_RGB, SHAPE_NAMES, type ColorName } from './synth-entities';

/** 4-connected components of non-background pixels, each with its nearest colour name. */
function components(r: Raster): Array<{ color: ColorName; size: number }> {
  const seen = new Uint8Array(r.width * r.height);
  const isInk = (x: number, y: number) => Math.min(...r.getPixel(x, y)) < 200;
  const out: Array<{ color: ColorName; size: number }> = [];
  for (let y0 = 0; y0 < r.height; y0++) {
    for (let x0 = 0; x0 < r.width; x0++) {
      if (seen[y0 * r.width + x0] || !isInk(x0, y0)) continue;
      const stack = [[x0, y0]];
      seen[y0 * r.width + x0] = 1;
      const sum: [number, number, number] = [0, 0, 0];
      let size = 0;
      while (stack.length) {
        const [x, y] = stack.pop()!;
        const p = r.getPixel(x!, y!);
        sum[0] += p[0]; sum[1] += p[1]; sum[2] += p[2];
        size++;
        for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
          const nx = x! + dx!, ny = y! + dy!;
          if (nx < 0 || ny < 0 || nx >= r.width || ny >= r.height || seen[ny * r.width + nx] || !isInk(nx, ny)) continue;
          seen[ny * r.width + nx] = 1;
          stack.push([nx, ny]);
        }
      }
      const mean = sum.map((s) => s / size);
      const color = COLOR_NAMES.reduce((best, c) => {
        const d = (k: ColorName) => COLOR_RGB[k].reduce((acc, v, i) => acc + (v - mean[i]!) ** 2, 0);
        return d(c) < d(best) ? c : best;
      }, COLOR_NAMES[0] as ColorName);
      out.push({ color, size });
    }
  }
  return out;
}

describe('shape scenes', () => {
  it('places objects inside the image without overlap', () => {
    for (let s = 0; s < 50; s++) {
      const rng = new Rng(s);
      const items = Array.from({ length: rng.int(1, 30) }, () => ({ shape: rng.pick(SHAPE_NAMES), color: rng.pick(COLOR_NAMES) }));
      const scene = placeShapes(rng, 128, 128, items);
      expect(scene.objects).toHaveLength(items.length);
      for (const o of scene.objects) {
        expect(o.x - o.size).toBeGreaterThanOrEqual(0);
        expect(o.y + o.size).toBeLessThanOrEqual(128);
      }
      for (let i = 0; i < scene.objects.length; i++) {
        for (let j = i + 1; j < scene.objects.length; j++) {
          const a = scene.objects[i]!, b = scene.objects[j]!;
          expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(a.size + b.size + 1);
        }
      }
    }
  });

  it('renders one separate blob of the right colour per object (counts are readable from pixels)', () => {
    for (let s = 0; s < 20; s++) {
      const rng = new Rng(100 + s);
      const items = Array.from({ length: rng.int(3, 20) }, () => ({ shape: rng.pick(SHAPE_NAMES), color: rng.pick(COLOR_NAMES) }));
      const scene = placeShapes(rng, 128, 128, items);
      const raster = decodePng(renderShapeScene(scene, rng.fork('render')).toPng());
      const blobs = components(raster);
      expect(blobs).toHaveLength(items.length);
      for (const color of COLOR_NAMES) {
        expect(blobs.filter((b) => b.color === color).length, color).toBe(items.filter((o) => o.color === color).length);
      }
    }
  });

  it('refuses more objects than grid cells', () => {
    const items = Array.from({ length: 37 }, () => ({ shape: 'circle' as const, color: 'red' as const }));
    expect(() => placeShapes(new Rng(1), 128, 128, items)).toThrow(/at most 36/);
  });
});

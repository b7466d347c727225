/** Seeded k-means over palette colours: a data-driven start for the PRM's colour detectors. */
import { hashSeed, Rng } from '@prmbas/search';
import type { Palette } from './image-input';

/**
 * k centres [k * 3] in [0, 1] from the colours of the palettes. Colours are first binned to 4 bits
 * per channel so a family of jittered shades counts about as much as a single flat colour (a grid
 * line), then seeded by farthest-point traversal (every distinct family gets a centre before any
 * family gets two) and refined by Lloyd iterations.
 */
export function kmeansColors(palettes: readonly Palette[], k: number, seed: number, iterations = 25): Float32Array {
  const seen = new Set<string>();
  const points: Array<[number, number, number]> = [];
  for (const p of palettes) {
    for (let i = 0; i < p.count; i++) {
      const c: [number, number, number] = [p.colors[3 * i] as number, p.colors[3 * i + 1] as number, p.colors[3 * i + 2] as number];
      const key = c.map((v) => Math.round(v * 255) >> 4).join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      points.push(c);
    }
  }
  const rng = new Rng(hashSeed(seed, 'kmeans-colors'));
  const centers: Array<[number, number, number]> = [];
  const dist = (a: readonly number[], b: readonly number[]) => ((a[0] as number) - (b[0] as number)) ** 2 + ((a[1] as number) - (b[1] as number)) ** 2 + ((a[2] as number) - (b[2] as number)) ** 2;
  if (points.length === 0) {
    for (let j = 0; j < k; j++) centers.push([rng.next(), rng.next(), rng.next()]);
  } else {
    centers.push([...rng.pick(points)]);
    while (centers.length < k) {
      const d = points.map((p) => Math.min(...centers.map((c) => dist(p, c))));
      let far = 0;
      for (let i = 1; i < d.length; i++) if ((d[i] as number) > (d[far] as number)) far = i;
      if ((d[far] as number) === 0) centers.push([rng.next(), rng.next(), rng.next()]);
      else centers.push([...(points[far] as [number, number, number])]);
    }
    for (let it = 0; it < iterations; it++) {
      const sums = centers.map(() => [0, 0, 0, 0]);
      for (const p of points) {
        let best = 0;
        for (let j = 1; j < k; j++) if (dist(p, centers[j] as number[]) < dist(p, centers[best] as number[])) best = j;
        const s = sums[best] as number[];
        for (let c = 0; c < 3; c++) s[c] = (s[c] as number) + (p[c] as number);
        s[3] = (s[3] as number) + 1;
      }
      sums.forEach((s, j) => {
        if ((s[3] as number) > 0) centers[j] = [(s[0] as number) / (s[3] as number), (s[1] as number) / (s[3] as number), (s[2] as number) / (s[3] as number)];
      });
    }
  }
  return Float32Array.from(centers.flat());
}

/**
 * Seeded k-means over feature vectors (k-means++ seeding, Lloyd iterations) after standardising
 * each dimension; returns the centres in the original units and each dimension's standard deviation.
 */
export function kmeansVectors(points: readonly (readonly number[])[], k: number, seed: number, iterations = 30): { centers: number[][]; std: number[] } {
  const dim = points[0]?.length ?? 0;
  const mean = Array.from({ length: dim }, (_, j) => points.reduce((a, p) => a + (p[j] as number), 0) / Math.max(1, points.length));
  const std = Array.from({ length: dim }, (_, j) => Math.sqrt(points.reduce((a, p) => a + ((p[j] as number) - (mean[j] as number)) ** 2, 0) / Math.max(1, points.length)) || 1);
  const z = points.map((p) => p.map((v, j) => (v - (mean[j] as number)) / (std[j] as number)));
  const rng = new Rng(hashSeed(seed, 'kmeans-vectors'));
  const dist = (a: readonly number[], b: readonly number[]) => a.reduce((acc, v, j) => acc + (v - (b[j] as number)) ** 2, 0);
  const centers: number[][] = [];
  if (z.length === 0) return { centers: Array.from({ length: k }, () => mean.slice()), std };
  centers.push([...rng.pick(z)]);
  while (centers.length < k) {
    const d = z.map((p) => Math.min(...centers.map((c) => dist(p, c))));
    const total = d.reduce((a, b) => a + b, 0);
    centers.push(total > 0 ? [...(z[rng.weighted(d)] as number[])] : [...rng.pick(z)]);
  }
  for (let it = 0; it < iterations; it++) {
    const sums = centers.map(() => new Array<number>(dim + 1).fill(0));
    for (const p of z) {
      let best = 0;
      for (let j = 1; j < k; j++) if (dist(p, centers[j] as number[]) < dist(p, centers[best] as number[])) best = j;
      const s = sums[best] as number[];
      p.forEach((v, j) => (s[j] = (s[j] as number) + v));
      s[dim] = (s[dim] as number) + 1;
    }
    sums.forEach((s, j) => {
      const n = s[dim] as number;
      if (n > 0) centers[j] = s.slice(0, dim).map((v) => v / n);
    });
  }
  return { centers: centers.map((c) => c.map((v, j) => v * (std[j] as number) + (mean[j] as number))), std };
}

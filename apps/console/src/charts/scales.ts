/** Linear and log scales with "nice" ticks, for the console's plain-SVG charts. */

export interface Scale {
  (value: number): number;
  ticks: number[];
  domain: [number, number];
}

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  const nice = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 2.5 ? 2.5 : unit <= 5 ? 5 : 10;
  return nice * power;
}

export function extent(values: number[], fallback: [number, number] = [0, 1]): [number, number] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return fallback;
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  return [lo, hi];
}

/** Maps [d0, d1] to [r0, r1], widening the domain to nice tick boundaries. */
export function linearScale(domain: [number, number], range: [number, number], tickCount = 5, nice = true): Scale {
  let [d0, d1] = domain;
  const step = niceStep(d1 - d0, tickCount);
  if (nice) {
    d0 = Math.floor(d0 / step) * step;
    d1 = Math.ceil(d1 / step) * step;
  }
  const [r0, r1] = range;
  const scale = ((v: number) => r0 + ((v - d0) / (d1 - d0 || 1)) * (r1 - r0)) as Scale;
  const ticks: number[] = [];
  for (let t = d0; t <= d1 + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  scale.ticks = ticks;
  scale.domain = [d0, d1];
  return scale;
}

/** Log10 scale (compute axes span orders of magnitude); ticks at 1, 2, 5 × powers of ten. */
export function logScale(domain: [number, number], range: [number, number]): Scale {
  const lo = Math.max(1e-9, domain[0]);
  const hi = Math.max(lo * 1.0001, domain[1]);
  // A little room past the extreme points, so markers do not sit on the axes.
  const l0 = Math.floor((Math.log10(lo) - 0.08) * 4) / 4;
  const l1 = Math.ceil((Math.log10(hi) + 0.08) * 4) / 4;
  const [r0, r1] = range;
  const scale = ((v: number) => r0 + ((Math.log10(Math.max(v, 1e-9)) - l0) / (l1 - l0 || 1)) * (r1 - r0)) as Scale;
  const ticks: number[] = [];
  for (let p = Math.floor(l0); p <= Math.ceil(l1); p++) {
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** p;
      if (Math.log10(t) >= l0 - 1e-9 && Math.log10(t) <= l1 + 1e-9) ticks.push(t);
    }
  }
  scale.ticks = ticks;
  scale.domain = [10 ** l0, 10 ** l1];
  return scale;
}

export function tickLabel(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e4) return `${Number((value / 1000).toPrecision(3))}k`;
  if (abs !== 0 && abs < 0.01) return value.toExponential(0);
  return String(Number(value.toPrecision(4)));
}

/** Distinguishable line colours (colour-blind friendly order). */
export const PALETTE = ['#3656d6', '#e07b00', '#1e9e6a', '#c33d86', '#7a5cd6', '#0097a7', '#b4332d', '#6b7b2e', '#8a6d3b', '#444c56'];

import { Rng } from '@prmbas/search';
import { describe, expect, it } from 'vitest';
import { barChartLayout, renderBarChart } from './bar-chart';
import { COLOR_NAMES, COLOR_RGB } from './synth-entities';
import type { BarChart } from './synth-program';

function near(p: readonly number[], q: readonly number[], tol: number): boolean {
  return p.every((v, i) => Math.abs(v - q[i]!) <= tol);
}

describe('bar charts', () => {
  it('gives one value unit at least 6 pixels at the default size for every difficulty y axis', () => {
    for (const yMax of [10, 12, 15]) {
      const chart: BarChart = { kind: 'bars', width: 128, height: 128, yMax, bars: [{ color: 'red', value: 1 }] };
      expect(barChartLayout(chart).unitPx).toBeGreaterThanOrEqual(6);
    }
  });

  it('draws each bar exactly value x unit pixels tall, topped at its grid line', () => {
    for (let s = 0; s < 20; s++) {
      const rng = new Rng(s);
      const n = rng.int(3, 6);
      const yMax = rng.pick([10, 12, 15]);
      const chart: BarChart = { kind: 'bars', width: 128, height: 128, yMax, bars: rng.shuffle(COLOR_NAMES).slice(0, n).map((color) => ({ color, value: rng.int(1, yMax) })) };
      const layout = barChartLayout(chart);
      const raster = renderBarChart(chart, rng.fork('r'));
      chart.bars.forEach((bar, i) => {
        const slot = layout.slots[i]!;
        const x = Math.round(slot.x + slot.width / 2);
        let rows = 0;
        let top = Infinity;
        for (let y = 0; y < raster.height; y++) {
          if (near(raster.getPixel(x, y), COLOR_RGB[bar.color], 12)) {
            rows++;
            top = Math.min(top, y);
          }
        }
        expect(rows).toBe(bar.value * layout.unitPx);
        expect(top).toBe(layout.zeroY - bar.value * layout.unitPx);
      });
    }
  });

  it('draws grid lines and tick labels', () => {
    const chart: BarChart = { kind: 'bars', width: 128, height: 128, yMax: 10, bars: [{ color: 'red', value: 3 }] };
    const layout = barChartLayout(chart);
    const raster = renderBarChart(chart, new Rng(1));
    const x = layout.right - 1;
    const gridRows = [];
    for (let y = 0; y < raster.height; y++) if (near(raster.getPixel(x, y), [215, 215, 215], 0)) gridRows.push(y);
    expect(gridRows).toEqual(Array.from({ length: 10 }, (_, k) => layout.zeroY - (10 - k) * layout.unitPx));
    let labelInk = 0;
    for (let y = 0; y < raster.height; y++) for (let xx = 0; xx < layout.axisX - 1; xx++) if (raster.getPixel(xx, y)[0] < 100) labelInk++;
    expect(labelInk).toBeGreaterThan(50);
  });

  it('refuses an image too small for readable units', () => {
    const chart: BarChart = { kind: 'bars', width: 64, height: 64, yMax: 15, bars: [{ color: 'red', value: 3 }] };
    expect(() => barChartLayout(chart)).toThrow(/px per unit/);
  });
});

/**
 * Bar charts: coloured bars over a y axis with one horizontal grid line per unit and tick labels
 * in the built-in pixel font. One value unit is at least `minUnitPx` pixels tall and a bar's top
 * sits exactly on its value's grid line, so a reader (or a PRM) can recover values from pixels.
 */
import type { Rng } from '@prmbas/search';
import { drawText, textHeight, textWidth } from './pixel-font';
import { Raster, jitterColor } from './raster';
import type { BarChart } from './synth-program';
import { COLOR_RGB, type Rgb } from './synth-entities';

export const BAR_CHART_DEFAULTS = {
  /** Smallest allowed height of one value unit in pixels (the brief asks >= 6 so heights are readable). */
  minUnitPx: 6,
  /** Blank rows above the top grid line (room for the top tick label). */
  marginTop: 4,
  /** Rows below the x axis (room for the bar letters). */
  marginBottom: 8,
  /** Blank columns right of the plot. */
  marginRight: 3,
  /** Bar width as a fraction of its slot. */
  barFraction: 0.6,
  /** Max horizontal shift of a bar in pixels (realism; never moves a bar out of its slot). */
  positionJitter: 1,
  /** Max per-channel offset of a bar's colour. */
  colorJitter: 12,
  /** Draw each bar's colour initial (R, G, B, Y, P, O) under the axis. */
  labelBars: true,
  background: [252, 252, 250] as Rgb,
  gridColor: [215, 215, 215] as Rgb,
  axisColor: [40, 40, 40] as Rgb,
  labelColor: [60, 60, 60] as Rgb,
};
export type BarChartConfig = typeof BAR_CHART_DEFAULTS;

export interface BarChartLayout {
  /** x of the y axis line. */
  axisX: number;
  /** y of the x axis line (value 0). */
  zeroY: number;
  /** Pixels per value unit. */
  unitPx: number;
  /** Tick labels every this many units. */
  labelEvery: number;
  right: number;
  /** Per bar: left x and width of the bar's slot. */
  slots: Array<{ x: number; width: number }>;
}

export function barChartLayout(chart: BarChart, config: BarChartConfig = BAR_CHART_DEFAULTS): BarChartLayout {
  const labelW = textWidth(String(chart.yMax));
  const axisX = labelW + 3;
  const zeroY = chart.height - config.marginBottom - 1;
  const unitPx = Math.floor((zeroY - config.marginTop) / chart.yMax);
  if (unitPx < config.minUnitPx) {
    throw new Error(
      `bar chart ${chart.width}x${chart.height} with y axis 0..${chart.yMax} gives ${unitPx} px per unit; at least ${config.minUnitPx} needed (use a taller image)`,
    );
  }
  const right = chart.width - config.marginRight;
  const slotW = (right - axisX - 1) / chart.bars.length;
  const slots = chart.bars.map((_, i) => ({ x: axisX + 1 + i * slotW, width: slotW }));
  // Labels need the glyph height plus a pixel of air; else label every other line.
  const labelEvery = unitPx >= textHeight() + 2 ? 1 : 2;
  return { axisX, zeroY, unitPx, labelEvery, right, slots };
}

export function renderBarChart(chart: BarChart, rng: Rng, config: BarChartConfig = BAR_CHART_DEFAULTS): Raster {
  const layout = barChartLayout(chart, config);
  const { axisX, zeroY, unitPx, right } = layout;
  const raster = new Raster(chart.width, chart.height, config.background);
  for (let v = 1; v <= chart.yMax; v++) raster.hLine(axisX + 1, right, zeroY - v * unitPx, config.gridColor);
  for (let v = 0; v <= chart.yMax; v += layout.labelEvery) {
    const label = String(v);
    const y = zeroY - v * unitPx;
    drawText(raster, axisX - 2 - textWidth(label), y - Math.floor(textHeight() / 2), label, config.labelColor);
    raster.hLine(axisX - 1, axisX, y, config.axisColor);
  }
  chart.bars.forEach((bar, i) => {
    const slot = layout.slots[i] as { x: number; width: number };
    const width = Math.max(2, Math.round(slot.width * config.barFraction));
    const room = Math.max(0, Math.floor((slot.width - width) / 2) - 1);
    const shift = rng.int(-Math.min(room, config.positionJitter), Math.min(room, config.positionJitter));
    const x = Math.round(slot.x + (slot.width - width) / 2) + shift;
    const offsets: [number, number, number] = [0, 1, 2].map(() => rng.int(-config.colorJitter, config.colorJitter)) as [number, number, number];
    // The top row of the bar is the grid line of its value: height = value * unitPx exactly.
    raster.fillRect(x, zeroY - bar.value * unitPx, width, bar.value * unitPx, jitterColor(COLOR_RGB[bar.color], offsets));
    if (config.labelBars) {
      const letter = bar.color[0] as string;
      drawText(raster, x + Math.floor((width - textWidth(letter)) / 2), zeroY + 2, letter, config.labelColor);
    }
  });
  raster.vLine(axisX, zeroY - chart.yMax * unitPx, zeroY, config.axisColor);
  raster.hLine(axisX, right, zeroY, config.axisColor);
  return raster;
}

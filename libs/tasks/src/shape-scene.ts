/**
 * Shape scenes: coloured circles, squares and triangles on a light background. Objects sit one per
 * cell of a jittered grid, so they never overlap and every object is countable from pixels.
 */
import { Raster, jitterColor } from './raster';
import type { Rng } from '@prmbas/search';
import type { ShapeObject, ShapeScene } from './synth-program';
import { COLOR_RGB, type ColorName, type Rgb, type ShapeName } from './synth-entities';

export const SHAPE_SCENE_DEFAULTS = {
  /** Placement grid is gridCells x gridCells; one object per cell bounds a scene to gridCells^2 objects. */
  gridCells: 6,
  /** Object half-size as a fraction of the smaller cell side (0.5 would touch the cell border). */
  sizeFraction: 0.32,
  /** Max random change of the half-size, in pixels (mild realism, never enough to touch a neighbour). */
  sizeJitter: 0.6,
  /** Pixels kept free between an object and its cell border, so neighbours never touch. */
  cellPadding: 1,
  /** Max per-channel offset added to an object's colour (colours are >= 70 apart per name). */
  colorJitter: 12,
  /** Background base colour (near white). */
  background: [248, 248, 244] as Rgb,
  /** Max per-channel offset of the background tint per image. */
  backgroundJitter: 5,
};
export type ShapeSceneConfig = typeof SHAPE_SCENE_DEFAULTS;

/** Place the given objects on the grid at random free cells with a small jitter. */
export function placeShapes(
  rng: Rng,
  width: number,
  height: number,
  items: ReadonlyArray<{ shape: ShapeName; color: ColorName }>,
  config: ShapeSceneConfig = SHAPE_SCENE_DEFAULTS,
): ShapeScene {
  const cells = config.gridCells * config.gridCells;
  if (items.length > cells) throw new Error(`a shape scene holds at most ${cells} objects, asked for ${items.length}`);
  const cellW = width / config.gridCells;
  const cellH = height / config.gridCells;
  const cellMin = Math.min(cellW, cellH);
  const baseSize = cellMin * config.sizeFraction;
  const order = rng.shuffle(Array.from({ length: cells }, (_, i) => i));
  const objects: ShapeObject[] = items.map((item, i) => {
    const cell = order[i] as number;
    const size = baseSize + (rng.next() * 2 - 1) * config.sizeJitter;
    // Free play around the object inside its cell; the shape never leaves the cell.
    const slackX = Math.max(0, cellW / 2 - size - config.cellPadding);
    const slackY = Math.max(0, cellH / 2 - size - config.cellPadding);
    const x = (cell % config.gridCells + 0.5) * cellW + (rng.next() * 2 - 1) * slackX;
    const y = (Math.floor(cell / config.gridCells) + 0.5) * cellH + (rng.next() * 2 - 1) * slackY;
    return { shape: item.shape, color: item.color, x: round2(x), y: round2(y), size: round2(size) };
  });
  return { kind: 'shapes', width, height, objects };
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function jitter(rng: Rng, amount: number): [number, number, number] {
  return [rng.int(-amount, amount), rng.int(-amount, amount), rng.int(-amount, amount)];
}

export function drawShape(raster: Raster, object: ShapeObject, color: Rgb): void {
  const { x, y, size: s } = object;
  if (object.shape === 'circle') {
    raster.fillCircle(x, y, s, color);
  } else if (object.shape === 'square') {
    const half = s * 0.85;
    raster.fillRect(x - half, y - half, 2 * half, 2 * half, color);
  } else {
    raster.fillTriangle([x, y - s], [x - s * 0.95, y + s * 0.8], [x + s * 0.95, y + s * 0.8], color);
  }
}

/** Render a scene; `rng` only drives the cosmetic colour jitter. */
export function renderShapeScene(scene: ShapeScene, rng: Rng, config: ShapeSceneConfig = SHAPE_SCENE_DEFAULTS): Raster {
  const raster = new Raster(scene.width, scene.height, jitterColor(config.background, jitter(rng, config.backgroundJitter)));
  for (const object of scene.objects) {
    drawShape(raster, object, jitterColor(COLOR_RGB[object.color], jitter(rng, config.colorJitter)));
  }
  return raster;
}

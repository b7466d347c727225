/**
 * The closed vocabulary of the synthetic suite: colours, shapes and the phrases that name them.
 * Questions, step texts and renderers all draw from these lists, so a step's wording can be parsed
 * back to exactly one entity.
 */

export const COLOR_NAMES = ['red', 'green', 'blue', 'yellow', 'purple', 'orange'] as const;
export type ColorName = (typeof COLOR_NAMES)[number];

export const SHAPE_NAMES = ['circle', 'square', 'triangle'] as const;
export type ShapeName = (typeof SHAPE_NAMES)[number];

export type Rgb = readonly [number, number, number];

/**
 * Base RGB of each colour name. Chosen far apart in RGB so that the renderer's colour jitter
 * (a few units per channel) never makes two names ambiguous.
 */
export const COLOR_RGB: Readonly<Record<ColorName, Rgb>> = {
  red: [220, 40, 40],
  green: [40, 165, 60],
  blue: [40, 80, 220],
  yellow: [235, 205, 30],
  purple: [140, 60, 190],
  orange: [245, 135, 20],
};

/**
 * What a counting step counts: objects of one colour, one shape, or both. At least one of the two
 * is set.
 */
export interface ShapeTarget {
  color?: ColorName;
  shape?: ShapeName;
}

export function isColorName(word: string): word is ColorName {
  return (COLOR_NAMES as readonly string[]).includes(word);
}

export function pluralShape(shape: ShapeName): string {
  return `${shape}s`;
}

/** "red circles", "red shapes", "circles". */
export function targetPhrase(target: ShapeTarget): string {
  const noun = target.shape ? pluralShape(target.shape) : 'shapes';
  return target.color ? `${target.color} ${noun}` : noun;
}

/** "red circle", "red shape", "circle" (for "each red circle is worth ..."). */
export function targetSingular(target: ShapeTarget): string {
  const noun = target.shape ?? 'shape';
  return target.color ? `${target.color} ${noun}` : noun;
}

/** Inverse of `targetPhrase`; null when the words name no target. */
export function parseTargetPhrase(phrase: string): ShapeTarget | null {
  const words = phrase.trim().toLowerCase().split(/\s+/);
  if (words.length === 0 || words.length > 2) return null;
  const noun = words[words.length - 1] as string;
  const colorWord = words.length === 2 ? (words[0] as string) : undefined;
  let shape: ShapeName | undefined;
  if (noun !== 'shapes') {
    shape = SHAPE_NAMES.find((s) => pluralShape(s) === noun);
    if (!shape) return null;
  }
  if (colorWord !== undefined && !isColorName(colorWord)) return null;
  if (!shape && !colorWord) return null;
  const target: ShapeTarget = {};
  if (colorWord) target.color = colorWord as ColorName;
  if (shape) target.shape = shape;
  return target;
}

export function sameTarget(a: ShapeTarget, b: ShapeTarget): boolean {
  return a.color === b.color && a.shape === b.shape;
}

/** True when no object can match both targets (they differ in an attribute both specify). */
export function disjointTargets(a: ShapeTarget, b: ShapeTarget): boolean {
  return (a.color !== undefined && b.color !== undefined && a.color !== b.color) ||
    (a.shape !== undefined && b.shape !== undefined && a.shape !== b.shape);
}

export function matchesTarget(object: { color: ColorName; shape: ShapeName }, target: ShapeTarget): boolean {
  return (target.color === undefined || object.color === target.color) &&
    (target.shape === undefined || object.shape === target.shape);
}

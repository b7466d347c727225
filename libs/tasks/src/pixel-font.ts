/**
 * A built-in 3x5 bitmap font (digits, upper-case letters, a little punctuation), so tick labels
 * and bar labels render identically everywhere without system fonts.
 */
import type { Raster } from './raster';
import type { Rgb } from './synth-entities';

export const PIXEL_FONT_CONFIG = {
  /** Glyph width in font pixels. */
  glyphWidth: 3,
  /** Glyph height in font pixels. */
  glyphHeight: 5,
  /** Blank font pixels between glyphs. */
  spacing: 1,
} as const;

/** Each glyph: 5 rows of 3 columns, '#' = ink. */
const GLYPHS: Readonly<Record<string, readonly string[]>> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '.##', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '.#.', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  A: ['.#.', '#.#', '###', '#.#', '#.#'],
  B: ['##.', '#.#', '##.', '#.#', '##.'],
  C: ['.##', '#..', '#..', '#..', '.##'],
  D: ['##.', '#.#', '#.#', '#.#', '##.'],
  E: ['###', '#..', '##.', '#..', '###'],
  F: ['###', '#..', '##.', '#..', '#..'],
  G: ['.##', '#..', '#.#', '#.#', '.##'],
  H: ['#.#', '#.#', '###', '#.#', '#.#'],
  I: ['###', '.#.', '.#.', '.#.', '###'],
  J: ['..#', '..#', '..#', '#.#', '.#.'],
  K: ['#.#', '#.#', '##.', '#.#', '#.#'],
  L: ['#..', '#..', '#..', '#..', '###'],
  M: ['#.#', '###', '###', '#.#', '#.#'],
  N: ['##.', '#.#', '#.#', '#.#', '#.#'],
  O: ['.#.', '#.#', '#.#', '#.#', '.#.'],
  P: ['##.', '#.#', '##.', '#..', '#..'],
  Q: ['.#.', '#.#', '#.#', '##.', '.##'],
  R: ['##.', '#.#', '##.', '#.#', '#.#'],
  S: ['.##', '#..', '.#.', '..#', '##.'],
  T: ['###', '.#.', '.#.', '.#.', '.#.'],
  U: ['#.#', '#.#', '#.#', '#.#', '###'],
  V: ['#.#', '#.#', '#.#', '#.#', '.#.'],
  W: ['#.#', '#.#', '###', '###', '#.#'],
  X: ['#.#', '#.#', '.#.', '#.#', '#.#'],
  Y: ['#.#', '#.#', '.#.', '.#.', '.#.'],
  Z: ['###', '..#', '.#.', '#..', '###'],
  '-': ['...', '...', '###', '...', '...'],
  '.': ['...', '...', '...', '...', '.#.'],
  ':': ['...', '.#.', '...', '.#.', '...'],
  '%': ['#.#', '..#', '.#.', '#..', '#.#'],
  ' ': ['...', '...', '...', '...', '...'],
};

export function hasGlyph(ch: string): boolean {
  return GLYPHS[ch.toUpperCase()] !== undefined;
}

/** Width in raster pixels of `text` drawn at `scale`. */
export function textWidth(text: string, scale = 1): number {
  if (text.length === 0) return 0;
  const { glyphWidth, spacing } = PIXEL_FONT_CONFIG;
  return (text.length * (glyphWidth + spacing) - spacing) * scale;
}

export function textHeight(scale = 1): number {
  return PIXEL_FONT_CONFIG.glyphHeight * scale;
}

/** Draw `text` with its top-left corner at (x, y). Letters are drawn upper-case. */
export function drawText(raster: Raster, x: number, y: number, text: string, color: Rgb, scale = 1): void {
  const { glyphWidth, spacing } = PIXEL_FONT_CONFIG;
  let cx = x;
  for (const ch of text) {
    const glyph = GLYPHS[ch.toUpperCase()];
    if (!glyph) throw new Error(`pixel font has no glyph for ${JSON.stringify(ch)}`);
    glyph.forEach((row, gy) => {
      for (let gx = 0; gx < row.length; gx++) {
        if (row[gx] === '#') raster.fillRect(cx + gx * scale, y + gy * scale, scale, scale, color);
      }
    });
    cx += (glyphWidth + spacing) * scale;
  }
}

/** The glyph bitmap of one character (rows of '#'/'.'), for tests and for image readers. */
export function glyphBitmap(ch: string): readonly string[] | undefined {
  return GLYPHS[ch.toUpperCase()];
}

import { describe, expect, it } from 'vitest';
import { drawText, glyphBitmap, hasGlyph, textWidth } from './pixel-font';
import { Raster } from './raster';

const CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('pixel font', () => {
  it('has a distinct 3x5 glyph for every digit and letter', () => {
    const seen = new Set<string>();
    for (const ch of CHARS) {
      const g = glyphBitmap(ch);
      expect(g, ch).toBeDefined();
      expect(g!.length).toBe(5);
      for (const row of g!) expect(row).toMatch(/^[#.]{3}$/);
      seen.add(g!.join('/'));
    }
    expect(seen.size).toBe(CHARS.length);
    expect(hasGlyph('a')).toBe(true);
    expect(hasGlyph('☃')).toBe(false);
  });

  it('draws exactly the ink of the glyphs, scaled, at the right width', () => {
    const r = new Raster(40, 12);
    drawText(r, 1, 1, '10', [0, 0, 0], 2);
    let ink = 0;
    let maxX = 0;
    for (let y = 0; y < r.height; y++) for (let x = 0; x < r.width; x++) if (r.getPixel(x, y)[0] === 0) { ink++; maxX = Math.max(maxX, x); }
    const glyphInk = (ch: string) => glyphBitmap(ch)!.join('').split('#').length - 1;
    expect(ink).toBe((glyphInk('1') + glyphInk('0')) * 4);
    expect(maxX).toBe(1 + textWidth('10', 2) - 1);
    expect(() => drawText(r, 0, 0, '☃', [0, 0, 0])).toThrow(/no glyph/);
  });
});

/**
 * Reading a number out of an answer string the way MathVista-style evaluators do: tolerate units,
 * thousands separators, currency and percent signs, a unicode minus, simple fractions and small
 * number words.
 */

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20,
};

/** One numeric token: sign, digits (optionally comma-grouped), decimals, exponent, optional /denominator. */
const NUMBER_SOURCE = String.raw`[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][-+]?\d+)?(?:\s*/\s*\d+)?`;

function tokens(text: string): string[] {
  // Normalise minus signs and drop signs that are operators between numbers ("3 - 2" is not -2).
  const t = text.replace(/[\u2212\u2012\u2013]/g, '-');
  const re = new RegExp(NUMBER_SOURCE, 'g');
  const out: string[] = [];
  for (let m = re.exec(t); m; m = re.exec(t)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (!/\d/.test(m[0])) continue;
    let tok = m[0];
    // A sign directly after a digit or letter is an operator or a hyphen, not part of the number.
    if (/^[-+]/.test(tok) && m.index > 0 && /[\w)]/.test(t[m.index - 1] as string)) tok = tok.slice(1);
    out.push(tok);
  }
  return out;
}

function tokenValue(tok: string): number | null {
  const clean = tok.replace(/,/g, '').replace(/\s+/g, '');
  const slash = clean.indexOf('/');
  if (slash >= 0) {
    const num = Number(clean.slice(0, slash));
    const den = Number(clean.slice(slash + 1));
    return Number.isFinite(num) && Number.isFinite(den) && den !== 0 ? num / den : null;
  }
  const v = Number(clean);
  return Number.isFinite(v) ? v : null;
}

/** All numbers in `text`, in order. */
export function findNumbers(text: string): number[] {
  const out: number[] = [];
  for (const tok of tokens(text)) {
    const v = tokenValue(tok);
    if (v !== null) out.push(v);
  }
  return out;
}

/**
 * The number an answer string states: its first numeric token ("12 cm" -> 12, "$1,200" -> 1200,
 * "45%" -> 45, "3/4" -> 0.75), else a number word ("five" -> 5), else null.
 */
export function parseNumber(text: string): number | null {
  const first = findNumbers(text)[0];
  if (first !== undefined) return first;
  const word = /\b([a-z]+)\b/gi;
  for (let m = word.exec(text); m; m = word.exec(text)) {
    const v = NUMBER_WORDS[(m[1] as string).toLowerCase()];
    if (v !== undefined) return v;
  }
  return null;
}

/** Canonical text of a number: no exponent for ordinary magnitudes, no float noise. */
export function formatCanonicalNumber(value: number): string {
  if (Object.is(value, -0)) return '0';
  const rounded = Number(value.toPrecision(12));
  return String(rounded);
}

/** Round half away from zero to `decimals` places, robust to binary noise (1.005 -> 1.01). */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const scaled = Math.abs(value) * f;
  const r = Math.round(Number(scaled.toPrecision(12))) / f;
  return value < 0 ? -r : r;
}

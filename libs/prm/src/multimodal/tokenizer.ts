/**
 * Text -> tokens for the multimodal PRM: lower-cased words, single punctuation marks and numbers.
 * A number becomes the token `<num>` plus its value (the model sees numbers as numeric features,
 * not as vocabulary). The vocabulary is built from training texts and stored in the artifact.
 */

export const PAD = '<pad>';
export const UNK = '<unk>';
export const NUM = '<num>';
/** Reserved ids: 0 pad, 1 unknown, 2 number. */
export const SPECIAL_TOKENS = [PAD, UNK, NUM] as const;
export const PAD_ID = 0;
export const UNK_ID = 1;
export const NUM_ID = 2;

export interface Token {
  /** The word or mark, or `<num>` for a number. */
  text: string;
  /** The number's value when `text` is `<num>`. */
  value?: number;
}

// A number: optional minus directly attached (not an operator "5 - 3"), digits, optional decimals.
const TOKEN_RE = /(-?\d+(?:\.\d+)?)|([a-z]+)|([^\sa-z0-9])/g;

/** Tokens of a text, in order. `×` and `*` stay marks; a leading minus counts only when glued to the digits and not preceded by a word or digit. */
export function tokenize(text: string): Token[] {
  const t = text.toLowerCase().replace(/[\u2212\u2012\u2013]/g, '-');
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(t); m; m = TOKEN_RE.exec(t)) {
    if (m[1] !== undefined) {
      let raw = m[1];
      // "3-2" or "x-2": the minus is an operator or hyphen.
      if (raw.startsWith('-') && m.index > 0 && /[\w)]/.test(t[m.index - 1] as string)) {
        out.push({ text: '-' });
        raw = raw.slice(1);
      }
      out.push({ text: NUM, value: Number(raw) });
    } else {
      out.push({ text: (m[2] ?? m[3]) as string });
    }
  }
  return out;
}

/** The numbers of a text in order (what `tokenize` turns into `<num>`). */
export function numbersOf(tokens: readonly Token[]): number[] {
  return tokens.filter((t) => t.text === NUM).map((t) => t.value as number);
}

export interface VocabularyJson {
  tokens: string[];
}

export class Vocabulary {
  private readonly index: Map<string, number>;

  constructor(readonly tokens: readonly string[]) {
    SPECIAL_TOKENS.forEach((s, i) => {
      if (tokens[i] !== s) throw new Error(`Vocabulary: token ${i} must be ${s}, got ${String(tokens[i])}`);
    });
    this.index = new Map(tokens.map((t, i) => [t, i]));
    if (this.index.size !== tokens.length) throw new Error('Vocabulary: duplicate tokens');
  }

  get size(): number {
    return this.tokens.length;
  }

  id(token: string): number {
    return this.index.get(token) ?? UNK_ID;
  }

  /**
   * Words seen at least `minCount` times in `texts`, most frequent first (ties alphabetical, so the
   * same texts always give the same ids), capped at `maxSize` entries including the specials.
   */
  static build(texts: Iterable<string>, options: { minCount?: number; maxSize?: number } = {}): Vocabulary {
    const minCount = options.minCount ?? 1;
    const maxSize = options.maxSize ?? 2000;
    const counts = new Map<string, number>();
    for (const text of texts) {
      for (const tok of tokenize(text)) {
        if (tok.text === NUM) continue;
        counts.set(tok.text, (counts.get(tok.text) ?? 0) + 1);
      }
    }
    const words = [...counts.entries()]
      .filter(([, n]) => n >= minCount)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([w]) => w)
      .slice(0, Math.max(0, maxSize - SPECIAL_TOKENS.length));
    return new Vocabulary([...SPECIAL_TOKENS, ...words]);
  }

  toJSON(): VocabularyJson {
    return { tokens: [...this.tokens] };
  }

  static fromJSON(json: unknown): Vocabulary {
    const tokens = (json as VocabularyJson | null)?.tokens;
    if (!Array.isArray(tokens) || tokens.some((t) => typeof t !== 'string')) throw new Error('Vocabulary.fromJSON: expected { tokens: string[] }');
    return new Vocabulary(tokens);
  }
}

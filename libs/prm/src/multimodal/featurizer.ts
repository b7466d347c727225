/**
 * (question, image, previous steps, candidate step) -> the multimodal PRM's inputs, on the host.
 *
 * A solution prefix is a chain of step UNITS: unit i is step i seen in its context (question,
 * image, steps before it). The model scores every unit and combines the scores of a prefix, so a
 * unit is featurised once and shared by every example and search item that contains that prefix
 * (its key is a rolling hash of image, question and the step texts up to it).
 *
 * What a unit carries (all derived from text and pixels only):
 * - the step's token ids (numbers become `<num>`),
 * - per token: does the word occur in the question / in an earlier step (lexical overlap),
 * - the step's first numbers as values, and per number: does it equal a number of the question,
 *   a number of an earlier step, the last number (the stated result) of an earlier step.
 */
import type { PrmItem } from '@prmbas/search';
import { hashBytes, ImageCache, type PrmImage } from './image-input';
import { NUM, numbersOf, tokenize, type Token, Vocabulary } from './tokenizer';

export interface MmFeaturizerConfig {
  /** Square image input side in pixels (the synth suite renders 128: one bar unit >= 6 px there). */
  imageSize: number;
  /** Question tokens kept (the MathVista-style prompt with hint and choices runs ~60-80). */
  maxQuestionTokens: number;
  /** Tokens kept per step (synth steps run up to ~20). */
  maxStepTokens: number;
  /** Numbers kept per step (arithmetic steps state 3, comparisons 2). */
  maxNumbers: number;
  /** Units of a prefix kept (prefix + candidate; the earliest are dropped beyond this). */
  maxSteps: number;
}

export const DEFAULT_FEATURIZER_CONFIG: MmFeaturizerConfig = {
  imageSize: 128, // the synth suite's native size; bar grid lines are 1 px rows, so no downscaling
  maxQuestionTokens: 96, // longest synth prompt (hint + question + 4 choices) is ~75 tokens
  maxStepTokens: 24, // longest synth step (a comparison) is ~20 tokens
  maxNumbers: 4, // arithmetic steps state 3 numbers
  maxSteps: 12, // synth solutions have 3-8 steps; a search may go to depth 10
};

/** Per-number flags (see the file comment). */
export const NUMBER_FLAGS = 3;
/** Per-token flags: in question, in an earlier step. */
export const TOKEN_FLAGS = 2;

export interface MmQuestion {
  key: string;
  ids: Int32Array;
}

export interface MmUnit {
  key: string;
  /** 0-based position of the step in its solution. */
  position: number;
  ids: Int32Array;
  /** [maxStepTokens, TOKEN_FLAGS] row-major. */
  tokenFlags: Float32Array;
  /** [maxNumbers]: values (0 where absent). */
  numbers: Float32Array;
  /** [maxNumbers]: 1 where a number is present. */
  numberMask: Float32Array;
  /** [maxNumbers, NUMBER_FLAGS] row-major. */
  numberFlags: Float32Array;
}

export interface MmFeatures {
  image: PrmImage | null;
  question: MmQuestion;
  /** The prefix's units, oldest first; the last is the candidate. */
  units: MmUnit[];
  /**
   * Training only (never a model input): MC value of the state before the candidate (the previous
   * step's value; 1 for a first step). With a good parent state, the candidate's own value says
   * whether the candidate itself is right (the first-error labels of step-level PRM training).
   */
  parentValue?: number;
}

/** FNV-1a over a string's UTF-16 units, two lanes, as 16 hex characters. */
export function hashText(text: string, seed = ''): string {
  const bytes = new Uint8Array((seed.length + text.length + 1) * 2);
  const s = `${seed}\u0000${text}`;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    bytes[2 * i] = c & 0xff;
    bytes[2 * i + 1] = c >>> 8;
  }
  return hashBytes(bytes);
}

const sameNumber = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

interface StepText {
  tokens: Token[];
  words: Set<string>;
  numbers: number[];
}

export class MmFeaturizer {
  readonly config: MmFeaturizerConfig;
  private readonly images: ImageCache;
  private readonly questions = new Map<string, { q: MmQuestion; text: StepText }>();
  private readonly units = new Map<string, { unit: MmUnit; text: StepText }>();

  constructor(
    readonly vocabulary: Vocabulary,
    config: Partial<MmFeaturizerConfig> = {},
    private readonly cacheLimit = 200_000,
  ) {
    const d = DEFAULT_FEATURIZER_CONFIG;
    this.config = {
      imageSize: config.imageSize ?? d.imageSize,
      maxQuestionTokens: config.maxQuestionTokens ?? d.maxQuestionTokens,
      maxStepTokens: config.maxStepTokens ?? d.maxStepTokens,
      maxNumbers: config.maxNumbers ?? d.maxNumbers,
      maxSteps: config.maxSteps ?? d.maxSteps,
    };
    this.images = new ImageCache(this.config.imageSize);
  }

  /** Features of a search item (only the problem's text and first image's pixels are used). */
  featurize = (item: PrmItem): MmFeatures => {
    const bytes = item.problem.images[0]?.data ?? null;
    return this.featurizeParts(item.problem.text, bytes, item.steps, item.candidate);
  };

  image(bytes: Uint8Array | null): PrmImage | null {
    return bytes ? this.images.get(bytes) : null;
  }

  featurizeParts(questionText: string, imageBytes: Uint8Array | null, steps: readonly string[], candidate: string): MmFeatures {
    return this.featurizeWithImage(questionText, this.image(imageBytes), steps, candidate);
  }

  featurizeWithImage(questionText: string, image: PrmImage | null, steps: readonly string[], candidate: string): MmFeatures {
    const question = this.question(questionText);
    const all = [...steps, candidate];
    const units: MmUnit[] = [];
    const previous: StepText[] = [];
    let key = hashText(questionText, image?.key ?? 'no-image');
    for (let i = 0; i < all.length; i++) {
      const text = all[i] as string;
      key = hashText(text, key);
      let entry = this.units.get(key);
      if (!entry) {
        const parsed = this.stepText(text);
        entry = { unit: this.unit(key, i, parsed, question.text, previous), text: parsed };
        if (this.units.size >= this.cacheLimit) this.units.clear();
        this.units.set(key, entry);
      }
      previous.push(entry.text);
      units.push(entry.unit);
    }
    return { image, question: question.q, units: units.slice(-this.config.maxSteps) };
  }

  private stepText(text: string): StepText {
    const tokens = tokenize(text);
    return { tokens, words: new Set(tokens.filter((t) => t.text !== NUM).map((t) => t.text)), numbers: numbersOf(tokens) };
  }

  private question(text: string): { q: MmQuestion; text: StepText } {
    const hit = this.questions.get(text);
    if (hit) return hit;
    const parsed = this.stepText(text);
    const ids = new Int32Array(this.config.maxQuestionTokens);
    parsed.tokens.slice(0, ids.length).forEach((t, i) => (ids[i] = this.vocabulary.id(t.text)));
    const entry = { q: { key: hashText(text), ids }, text: parsed };
    if (this.questions.size >= 10_000) this.questions.clear();
    this.questions.set(text, entry);
    return entry;
  }

  private unit(key: string, position: number, step: StepText, question: StepText, previous: readonly StepText[]): MmUnit {
    const { maxStepTokens: L, maxNumbers: K } = this.config;
    const ids = new Int32Array(L);
    const tokenFlags = new Float32Array(L * TOKEN_FLAGS);
    step.tokens.slice(0, L).forEach((t, i) => {
      ids[i] = this.vocabulary.id(t.text);
      if (t.text === NUM || !/^[a-z]+$/.test(t.text)) return;
      tokenFlags[i * TOKEN_FLAGS] = question.words.has(t.text) ? 1 : 0;
      tokenFlags[i * TOKEN_FLAGS + 1] = previous.some((p) => p.words.has(t.text)) ? 1 : 0;
    });
    const numbers = new Float32Array(K);
    const numberMask = new Float32Array(K);
    const numberFlags = new Float32Array(K * NUMBER_FLAGS);
    const prevNumbers = previous.flatMap((p) => p.numbers);
    const prevStated = previous.flatMap((p) => (p.numbers.length ? [p.numbers[p.numbers.length - 1] as number] : []));
    step.numbers.slice(0, K).forEach((n, k) => {
      numbers[k] = n;
      numberMask[k] = 1;
      numberFlags[k * NUMBER_FLAGS] = question.numbers.some((q) => sameNumber(q, n)) ? 1 : 0;
      numberFlags[k * NUMBER_FLAGS + 1] = prevNumbers.some((q) => sameNumber(q, n)) ? 1 : 0;
      numberFlags[k * NUMBER_FLAGS + 2] = prevStated.some((q) => sameNumber(q, n)) ? 1 : 0;
    });
    return { key, position, ids, tokenFlags, numbers, numberMask, numberFlags };
  }
}

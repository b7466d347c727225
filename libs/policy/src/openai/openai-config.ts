/**
 * Options of the OpenAI-compatible policy, their defaults, and the resolved form the policy runs on.
 * Every constant lives in OPENAI_POLICY_DEFAULTS with a note on where it comes from.
 */
import type { Problem } from '@prmbas/search';
import { DEFAULT_BACKOFF, type BackoffConfig } from '../shared/retry';
import { extractAnswerDefault } from './extract-answer';

/**
 * How the steps so far reach the model.
 * - `continue`: as a partial assistant message the server continues (vLLM/SGLang
 *   `continue_final_message: true, add_generation_prompt: false`). Exact and prefix-cache friendly.
 * - `instruct`: inside the user message, with an instruction to write only the next step. Works on
 *   every chat server.
 * - `auto`: `continue` until a server rejects the parameter (HTTP 400 naming it, or an unknown /
 *   unrecognised / extra field), then `instruct` for the rest of the policy's life.
 */
export type ContinuationMode = 'continue' | 'instruct' | 'auto';

/** Finds the final answer in a step, or undefined when the step states none. */
export type ExtractAnswer = (text: string, problem: Problem) => string | undefined;

export interface OpenAIPolicyOptions {
  /** API root including the version, e.g. `http://localhost:8000/v1`; `/chat/completions` is appended. */
  baseUrl: string;
  /** Model name as the server knows it (vLLM: the `--served-model-name` or the model path). */
  model: string;
  /** Bearer token. The caller reads it (e.g. from OPENAI_API_KEY); omitted for local servers. */
  apiKey?: string;
  /** Display name of the policy (defaults to `openai:<model>@<baseUrl>`). */
  name?: string;
  systemPrompt?: string;
  /** Text between steps; sent as `stop` so one call yields one step. Keep the prompt consistent. */
  stepDelimiter?: string;
  /** Instruction after the steps so far in `instruct` mode. */
  nextStepInstruction?: string;
  /** Instruction that asks for the final answer now (`finalize: true`). */
  finalizeInstruction?: string;
  /** Heading above the steps so far in `instruct` mode. */
  stepsHeading?: string;
  maxTokensPerStep?: number;
  /** Per HTTP attempt, headers and body included. */
  timeoutMs?: number;
  /** Retries after the first attempt, for 429, 5xx, network errors and timeouts. */
  maxRetries?: number;
  backoff?: Partial<BackoffConfig>;
  /** A `Retry-After` longer than this fails the call at once instead of waiting (quota exhausted). */
  maxRetryAfterMs?: number;
  /** HTTP requests of this policy instance in flight at once, across all callers. */
  concurrency?: number;
  continuation?: ContinuationMode;
  extractAnswer?: ExtractAnswer;
  /**
   * At temperature 0 every candidate is the same greedy step: ask for one and repeat it, which also
   * avoids servers that reject `n > 1` with greedy sampling (older vLLM).
   */
  greedySingleSample?: boolean;
  /**
   * Extra request fields (e.g. `top_p`, `repetition_penalty`, `chat_template_kwargs`). The fields
   * the policy controls (model, messages, n, temperature, seed, max_tokens, stop, stream and the
   * continuation flags) always win.
   */
  extraBody?: Readonly<Record<string, unknown>>;
}

export const DEFAULT_SYSTEM_PROMPT =
  'You are a careful problem solver. Look at the image(s) and reason step by step. ' +
  'Write exactly one reasoning step per paragraph and separate steps with a blank line. ' +
  'End with a last paragraph of the form "The answer is X." where X is only the final answer; ' +
  'for a multiple-choice question X is the letter of the correct option.';

export const OPENAI_POLICY_DEFAULTS = {
  systemPrompt: DEFAULT_SYSTEM_PROMPT, // matches the default delimiter and the default answer regex
  stepDelimiter: '\n\n', // PRM-BAS.md: a step ends at a blank line
  nextStepInstruction: 'Continue the solution: write only the next step, as one paragraph. If it completes the solution, end it with "The answer is X."',
  finalizeInstruction: 'Stop reasoning now and state the final answer in one short paragraph: "The answer is X."',
  stepsHeading: 'Your solution so far:',
  maxTokensPerStep: 512, // a step is one paragraph; the cap stops a model that never writes a blank line
  timeoutMs: 120_000, // a loaded server with image prefill can take a minute; more than two is a hang
  maxRetries: 4, // with the default backoff: ~0.5+1+2+4 s, enough for a restart-free overload to clear
  backoff: DEFAULT_BACKOFF,
  maxRetryAfterMs: 60_000, // servers asking for longer waits are out of quota: failing fast is kinder
  concurrency: 16, // enough concurrent requests for vLLM's continuous batching to fill one GPU
  continuation: 'auto' as ContinuationMode, // exact continuation where supported, a working fallback elsewhere
  extractAnswer: extractAnswerDefault,
  greedySingleSample: true,
} as const;

export interface ResolvedOpenAIPolicyConfig {
  baseUrl: string;
  endpoint: string;
  model: string;
  apiKey: string | undefined;
  name: string;
  systemPrompt: string;
  stepDelimiter: string;
  nextStepInstruction: string;
  finalizeInstruction: string;
  stepsHeading: string;
  maxTokensPerStep: number;
  timeoutMs: number;
  maxRetries: number;
  backoff: BackoffConfig;
  maxRetryAfterMs: number;
  concurrency: number;
  continuation: ContinuationMode;
  extractAnswer: ExtractAnswer;
  greedySingleSample: boolean;
  extraBody: Readonly<Record<string, unknown>>;
}

/** `http://user:pass@host/v1?x` → `http://host/v1?x`: URLs in names and errors never carry credentials. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`OpenAIPolicy: ${name} must be a positive integer, got ${value}`);
  return value;
}

function nonNegativeInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`OpenAIPolicy: ${name} must be a non-negative integer, got ${value}`);
  return value;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`OpenAIPolicy: ${name} must be a non-negative number, got ${value}`);
  return value;
}

export function resolveOpenAIPolicyConfig(options: OpenAIPolicyOptions): ResolvedOpenAIPolicyConfig {
  const d = OPENAI_POLICY_DEFAULTS;
  let parsed: URL;
  try {
    parsed = new URL(options.baseUrl);
  } catch {
    throw new TypeError(`OpenAIPolicy: baseUrl is not a URL: "${redactUrl(options.baseUrl)}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`OpenAIPolicy: baseUrl must be http(s), got "${parsed.protocol}"`);
  }
  // fetch refuses URLs with credentials, and a key in a URL ends up in logs: use `apiKey`.
  if (parsed.username || parsed.password) throw new TypeError('OpenAIPolicy: baseUrl must not contain credentials; pass apiKey instead');
  if (!options.model) throw new TypeError('OpenAIPolicy: model is required');
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const backoff = { ...d.backoff, ...options.backoff };
  nonNegative('backoff.baseMs', backoff.baseMs);
  nonNegative('backoff.maxMs', backoff.maxMs);
  const continuation = options.continuation ?? d.continuation;
  if (!['continue', 'instruct', 'auto'].includes(continuation)) {
    throw new TypeError(`OpenAIPolicy: continuation must be continue | instruct | auto, got "${String(continuation)}"`);
  }
  const stepDelimiter = options.stepDelimiter ?? d.stepDelimiter;
  if (stepDelimiter === '') throw new TypeError('OpenAIPolicy: stepDelimiter must not be empty');
  return {
    baseUrl,
    endpoint: `${baseUrl}/chat/completions`,
    model: options.model,
    apiKey: options.apiKey || undefined,
    name: options.name ?? `openai:${options.model}@${redactUrl(baseUrl)}`,
    systemPrompt: options.systemPrompt ?? d.systemPrompt,
    stepDelimiter,
    nextStepInstruction: options.nextStepInstruction ?? d.nextStepInstruction,
    finalizeInstruction: options.finalizeInstruction ?? d.finalizeInstruction,
    stepsHeading: options.stepsHeading ?? d.stepsHeading,
    maxTokensPerStep: positiveInt('maxTokensPerStep', options.maxTokensPerStep ?? d.maxTokensPerStep),
    timeoutMs: positiveInt('timeoutMs', options.timeoutMs ?? d.timeoutMs),
    maxRetries: nonNegativeInt('maxRetries', options.maxRetries ?? d.maxRetries),
    backoff,
    maxRetryAfterMs: nonNegative('maxRetryAfterMs', options.maxRetryAfterMs ?? d.maxRetryAfterMs),
    concurrency: positiveInt('concurrency', options.concurrency ?? d.concurrency),
    continuation,
    extractAnswer: options.extractAnswer ?? d.extractAnswer,
    greedySingleSample: options.greedySingleSample ?? d.greedySingleSample,
    extraBody: options.extraBody ?? {},
  };
}

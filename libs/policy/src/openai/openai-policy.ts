/**
 * `Policy` over any OpenAI-compatible chat completions server (vLLM, SGLang, Ollama, LM Studio,
 * OpenAI). One call proposes one step per candidate: the step delimiter is the `stop` string and
 * `n` candidates are sampled per request (topped up with further requests when a server ignores `n`).
 */
import { hashSeed, Rng, type Policy, type Proposal, type ProposeRequest } from '@prmbas/search';
import { withRetry, type RetryDecision } from '../shared/retry';
import { Semaphore } from '@prmbas/search';
import { resolveOpenAIPolicyConfig, redactUrl, type ContinuationMode, type OpenAIPolicyOptions, type ResolvedOpenAIPolicyConfig } from './openai-config';
import { OpenAIPolicyError } from './openai-error';
import { postChatCompletion } from './openai-http';
import { buildMessages, type BuiltPrompt } from './openai-messages';
import { asChatCompletion, toProposals } from './openai-response';

export interface OpenAIPolicyStats {
  /** HTTP requests sent, counting retries, top-ups and continuation fallbacks: the cost to account. */
  requests: number;
  /** Calls to `propose`. */
  proposeCalls: number;
  /** Attempts repeated after 429 / 5xx / network errors / timeouts. */
  retries: number;
  /** Extra requests because the server returned fewer choices than `n`. */
  topUpCalls: number;
  /** Requests re-sent in `instruct` mode after the server rejected `continue_final_message`. */
  fallbacks: number;
  /** `propose` calls that failed. */
  failures: number;
  promptTokens: number;
  completionTokens: number;
  /** Most requests in flight at once (never above the `concurrency` option). */
  maxInFlight: number;
  /** The continuation mode now (`auto` until a server has accepted or rejected `continue`). */
  continuation: ContinuationMode;
}

// A 400/422 about the continuation flags: vLLM/SGLang know them; others reject them as unknown fields.
const UNSUPPORTED_PARAM =
  /continue_final_message|add_generation_prompt|(?:unknown|unrecogni[sz]ed|unexpected|unsupported)\s+(?:request\s+)?(?:argument|parameter|param|field|key)|extra (?:fields|inputs) (?:are )?not permitted/i;

function rejectsContinuation(error: unknown): boolean {
  return (
    error instanceof OpenAIPolicyError &&
    (error.status === 400 || error.status === 422) &&
    UNSUPPORTED_PARAM.test(error.serverMessage ?? '')
  );
}

export class OpenAIPolicy implements Policy {
  readonly name: string;
  // An ES private field: holds the API key, so it must not show in JSON.stringify or console.log.
  readonly #config: ResolvedOpenAIPolicyConfig;
  private readonly semaphore: Semaphore;
  private mode: ContinuationMode;
  private readonly counters = { requests: 0, proposeCalls: 0, retries: 0, topUpCalls: 0, fallbacks: 0, failures: 0, promptTokens: 0, completionTokens: 0 };

  constructor(options: OpenAIPolicyOptions) {
    this.#config = resolveOpenAIPolicyConfig(options);
    this.name = this.#config.name;
    this.semaphore = new Semaphore(this.#config.concurrency);
    this.mode = this.#config.continuation;
  }

  /** The chat completions URL (without credentials). */
  get endpoint(): string {
    return redactUrl(this.#config.endpoint);
  }

  get model(): string {
    return this.#config.model;
  }

  /** The continuation mode in use now (see `ContinuationMode`). */
  get continuation(): ContinuationMode {
    return this.mode;
  }

  /** What a trace or log may record of this policy (never the key). */
  toJSON(): { name: string; model: string; endpoint: string; continuation: ContinuationMode } {
    return { name: this.name, model: this.model, endpoint: this.endpoint, continuation: this.mode };
  }

  stats(): OpenAIPolicyStats {
    return { ...this.counters, maxInFlight: this.semaphore.maxInFlight, continuation: this.mode };
  }

  async propose(request: ProposeRequest): Promise<Proposal[]> {
    if (!Number.isInteger(request.n) || request.n < 0) throw new RangeError(`${this.name}: n must be a non-negative integer, got ${request.n}`);
    this.counters.proposeCalls++;
    try {
      return await this.collect(request);
    } catch (error) {
      this.counters.failures++;
      throw error;
    }
  }

  private async collect(request: ProposeRequest): Promise<Proposal[]> {
    if (request.n === 0) return [];
    const greedy = request.temperature === 0 && this.#config.greedySingleSample;
    const want = greedy ? 1 : request.n;
    const out: Proposal[] = [];
    // Each request returns at least one choice or throws, so this loop makes at most `want` requests.
    for (let call = 0; out.length < want; call++) {
      if (call > 0) this.counters.topUpCalls++;
      // A top-up must not repeat the first request's seed, or a seeded server returns the same sample.
      const seed = call === 0 ? request.seed : hashSeed(request.seed, 'top-up', call);
      const got = await this.complete(request, want - out.length, seed);
      if (got.length === 0) {
        throw new OpenAIPolicyError({ kind: 'invalid-response', url: this.endpoint, model: this.model, status: 200, detail: 'the server returned no choices' });
      }
      out.push(...got.slice(0, want - out.length));
    }
    if (!greedy) return out;
    // Greedy candidates are all the same step; the copies cost nothing, so they report 0 tokens.
    const first = out[0] as Proposal;
    const copy: Proposal = first.tokens === undefined ? { ...first } : { ...first, tokens: 0 };
    return [first, ...Array.from({ length: request.n - 1 }, () => ({ ...copy }))];
  }

  /** One chat completion for `count` candidates, falling back from `continue` to `instruct` once. */
  private async complete(request: ProposeRequest, count: number, seed: number): Promise<Proposal[]> {
    const mode = this.mode === 'instruct' ? 'instruct' : 'continue';
    const built = this.prompt(request, mode);
    try {
      const proposals = await this.send(request, built, count, seed);
      if (built.continueFinal && this.mode === 'auto') this.mode = 'continue';
      return proposals;
    } catch (error) {
      // Only while undecided (or already switched by a concurrent call): once the server has
      // accepted `continue`, a later 400 is about something else and must surface.
      if (!built.continueFinal || this.#config.continuation !== 'auto' || this.mode === 'continue' || !rejectsContinuation(error)) throw error;
      // Concurrent calls may all hit the 400; count the switch once.
      if (this.mode !== 'instruct') {
        this.mode = 'instruct';
        this.counters.fallbacks++;
      }
      return this.send(request, this.prompt(request, 'instruct'), count, seed);
    }
  }

  private prompt(request: ProposeRequest, mode: 'continue' | 'instruct'): BuiltPrompt {
    return buildMessages(request.problem, request.steps, mode, request.finalize ?? false, this.#config);
  }

  private async send(request: ProposeRequest, built: BuiltPrompt, count: number, seed: number): Promise<Proposal[]> {
    const c = this.#config;
    const body: Record<string, unknown> = {
      ...c.extraBody,
      model: c.model,
      messages: built.messages,
      n: count,
      temperature: request.temperature,
      seed,
      max_tokens: c.maxTokensPerStep,
      stop: [c.stepDelimiter],
      stream: false,
    };
    if (built.continueFinal) {
      body['continue_final_message'] = true;
      body['add_generation_prompt'] = false;
    } else {
      delete body['continue_final_message'];
      delete body['add_generation_prompt'];
    }
    const target = { endpoint: c.endpoint, model: c.model, apiKey: c.apiKey, timeoutMs: c.timeoutMs };
    // Jitter from the call's own seed: a rerun waits the same, whatever else is in flight.
    const rng = new Rng(hashSeed(seed, 'retry-jitter'));
    const json = await withRetry(
      () =>
        this.semaphore.run(() => {
          this.counters.requests++;
          return postChatCompletion(target, body, request.signal);
        }, request.signal),
      {
        maxRetries: c.maxRetries,
        backoff: c.backoff,
        random: () => rng.next(),
        signal: request.signal,
        decide: (error) => this.decideRetry(error),
        onRetry: () => this.counters.retries++,
      },
    );
    const completion = asChatCompletion(json);
    if (typeof completion === 'string') {
      throw new OpenAIPolicyError({ kind: 'invalid-response', url: this.endpoint, model: c.model, status: 200, detail: completion });
    }
    this.counters.promptTokens += completion.usage?.prompt_tokens ?? 0;
    this.counters.completionTokens += completion.usage?.completion_tokens ?? 0;
    return toProposals(completion, {
      problem: request.problem,
      delimiter: c.stepDelimiter,
      finalize: request.finalize ?? false,
      extractAnswer: c.extractAnswer,
    });
  }

  private decideRetry(error: unknown): RetryDecision {
    if (!(error instanceof OpenAIPolicyError) || !error.retryable) return { retry: false };
    if (error.retryAfterMs === undefined) return { retry: true };
    // A wait longer than the cap means an exhausted quota, not a busy server: fail now.
    if (error.retryAfterMs > this.#config.maxRetryAfterMs) return { retry: false };
    return { retry: true, delayMs: error.retryAfterMs };
  }
}

/**
 * `Prm` backed by an external reward-model server (vLLM serving Qwen2.5-Math-PRM and the like).
 *
 * Mapping of a batch: each item is the solution prefix `steps` + its `candidate`; identical
 * solutions in a batch are sent once. Every distinct solution is ONE request that scores all its
 * steps (the server returns a reward per step separator); the item's score is the reward of the
 * last step, its candidate. (Siblings that share a prefix still differ in their last step, so
 * they cannot share a request with a step-reward model; the prefix's rewards come back with each.)
 * Requests run concurrently up to `concurrency`, each with a timeout and retries on 429/5xx.
 */
import { hashSeed, Rng, Semaphore, mapConcurrent, type Prm, type PrmItem, type PrmScores } from '@prmbas/search';
import { postJson, type RetryPolicy } from './http-post';
import { HttpPrmError } from './http-prm-error';
import { classifyFormat, QWEN_PRM_SYSTEM_PROMPT, renderQwenChatMl, vllmPoolingFormat, type PromptSettings, type RewardFormat, type RewardRequest } from './reward-formats';

export interface HttpPrmConfig extends PromptSettings {
  /** Server root, e.g. http://127.0.0.1:8000 (the format's endpoint path is appended). */
  baseUrl: string;
  /** 'vllm-pooling', 'classify', or a custom format. */
  format: 'vllm-pooling' | 'classify' | RewardFormat;
  /** Overrides the format's endpoint path. */
  endpoint: string | undefined;
  apiKey: string | undefined;
  name: string;
  timeoutMs: number;
  retry: RetryPolicy;
  concurrency: number;
  fetchImpl: typeof fetch | undefined;
}

export type HttpPrmOptions = Partial<Omit<HttpPrmConfig, 'retry'>> & { baseUrl: string; model: string; retry?: Partial<RetryPolicy> };

export const DEFAULT_HTTP_PRM_CONFIG: Omit<HttpPrmConfig, 'baseUrl' | 'model'> = {
  format: 'vllm-pooling',
  endpoint: undefined,
  apiKey: undefined,
  name: 'http-prm',
  stepSeparator: '<extra_0>', // Qwen2.5-Math-PRM's step tag (token id 151651)
  systemPrompt: QWEN_PRM_SYSTEM_PROMPT,
  prompt: 'messages', // the server applies the model's own chat template
  renderText: renderQwenChatMl,
  includeImages: false, // Qwen2.5-Math-PRM is text-only
  task: undefined, // older vLLM rejects unknown fields; set 'token_classify' where the server needs it
  positiveIndex: 1, // rows are [p_negative, p_positive] (Qwen2.5-Math-PRM, num_labels = 2)
  checkStepCount: true,
  extraBody: {},
  timeoutMs: 60_000, // a 7B PRM scores a long solution in well under a second; a minute means trouble
  retry: {
    maxRetries: 3, // with doubling waits: ~0.5 + 1 + 2 s before giving up on a busy server
    baseDelayMs: 500, // a busy vLLM queue drains in about a second
    maxDelayMs: 10_000, // caps Retry-After too
  },
  concurrency: 8, // vLLM batches concurrent requests itself; more just queues there
  fetchImpl: undefined,
};

function solutionKey(item: PrmItem): string {
  return JSON.stringify([item.problem.id, item.problem.text, item.steps, item.candidate]);
}

export class HttpPrm implements Prm {
  readonly name: string;
  readonly config: HttpPrmConfig;
  private readonly format: RewardFormat;
  private readonly url: string;
  private readonly semaphore: Semaphore;

  constructor(options: HttpPrmOptions) {
    this.config = { ...DEFAULT_HTTP_PRM_CONFIG, ...options, retry: { ...DEFAULT_HTTP_PRM_CONFIG.retry, ...options.retry } };
    const c = this.config;
    if (!/^https?:\/\//.test(c.baseUrl)) throw new Error(`HttpPrm: baseUrl must start with http:// or https://, got '${c.baseUrl}'`);
    if (!c.model) throw new Error('HttpPrm: model is required');
    if (!Number.isInteger(c.concurrency) || c.concurrency < 1) throw new Error(`HttpPrm: concurrency must be a positive integer, got ${c.concurrency}`);
    if (!(c.timeoutMs > 0)) throw new Error(`HttpPrm: timeoutMs must be > 0, got ${c.timeoutMs}`);
    if (!c.stepSeparator) throw new Error('HttpPrm: stepSeparator must not be empty');
    this.format = c.format === 'vllm-pooling' ? vllmPoolingFormat : c.format === 'classify' ? classifyFormat : c.format;
    this.url = c.baseUrl.replace(/\/+$/, '') + (c.endpoint ?? this.format.endpoint);
    this.name = c.name;
    this.semaphore = new Semaphore(c.concurrency);
  }

  async score(items: readonly PrmItem[], options: { seed?: number; signal?: AbortSignal } = {}): Promise<PrmScores> {
    const unique = new Map<string, RewardRequest>();
    const keys = items.map((item) => {
      const key = solutionKey(item);
      if (!unique.has(key)) unique.set(key, { problem: item.problem, steps: [...item.steps, item.candidate] });
      return key;
    });
    const requests = [...unique.values()];
    const random = new Rng(hashSeed('http-prm-jitter', options.seed ?? 0));
    const scores = await mapConcurrent(requests, this.semaphore, (request) => this.scoreOne(request, () => random.next(), options.signal), options.signal);
    const byKey = new Map([...unique.keys()].map((key, k) => [key, scores[k] as number]));
    return { scores: keys.map((key) => byKey.get(key) as number) };
  }

  private async scoreOne(request: RewardRequest, random: () => number, signal?: AbortSignal): Promise<number> {
    const c = this.config;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (c.apiKey) headers['authorization'] = `Bearer ${c.apiKey}`;
    const response = await postJson(this.format.body(request, c), { url: this.url, headers, timeoutMs: c.timeoutMs, retry: c.retry, random, signal, fetchImpl: c.fetchImpl });
    try {
      return this.format.score(response, request, c);
    } catch (error) {
      throw new HttpPrmError({ kind: 'invalid-response', url: this.url, detail: `${(error as Error).message} (problem ${request.problem.id}, ${request.steps.length} steps)`, cause: error });
    }
  }
}

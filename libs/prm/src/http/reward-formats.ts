/**
 * Request bodies and response parsing for reward-model servers.
 *
 * 'vllm-pooling' (default): vLLM's `POST /pooling` as used for Qwen2.5-Math-PRM-style step reward
 * models (checked against the vLLM docs: `PoolingResponse.data[i].data` is `list[list[float]] |
 * list[float]`; Qwen2ForProcessRewardModel pools at the step tag token `<extra_0>` (id 151651)
 * with a softmax, giving one [p_negative, p_positive] row per step). A solution is the question
 * plus its steps, each step followed by the separator, as the Qwen2.5-Math-PRM model card does
 * it: system "Please reason step by step, and put your final answer within \boxed{}.", user =
 * question, assistant = steps.join(sep) + sep. Sent as chat `messages` (the server applies the
 * model's chat template), or as one `input` string rendered here with Qwen's ChatML template.
 *
 * 'classify': `POST /classify` (one label distribution per input, `data[0].probs`), for outcome
 * or last-step classifiers: the score is probs[positiveIndex].
 *
 * Anything else: a custom `RewardFormat` (build the body, parse the score).
 */
import type { Problem } from '@prmbas/search';

/** One solution to score: the problem and all its steps, the scored candidate last. */
export interface RewardRequest {
  problem: Problem;
  steps: readonly string[];
}

export interface PromptSettings {
  model: string;
  stepSeparator: string;
  systemPrompt: string;
  /** 'messages': chat form, the server applies the chat template; 'text': one rendered `input` string. */
  prompt: 'messages' | 'text';
  /** Renders the 'text' prompt; default Qwen ChatML. */
  renderText: (problemText: string, assistant: string, systemPrompt: string) => string;
  /** Send the problem's images as image_url parts (messages form only; for multimodal PRMs). */
  includeImages: boolean;
  /** vLLM pooling `task` field (newer vLLM versions select e.g. 'token_classify' with it); omitted when undefined. */
  task: string | undefined;
  /** Index of the "step is correct" class in each [p_neg, p_pos] row. */
  positiveIndex: number;
  /** Require exactly one reward row per step (catches a wrong step separator / step tag). */
  checkStepCount: boolean;
  /** Extra fields merged into every body (e.g. truncate_prompt_tokens). */
  extraBody: Record<string, unknown>;
}

export interface RewardFormat {
  /** Path appended to the base URL. */
  readonly endpoint: string;
  body(request: RewardRequest, settings: PromptSettings): unknown;
  /** The candidate's (last step's) score in [0, 1]. */
  score(response: unknown, request: RewardRequest, settings: PromptSettings): number;
}

export const QWEN_PRM_SYSTEM_PROMPT = 'Please reason step by step, and put your final answer within \\boxed{}.'; // Qwen2.5-Math-PRM model card

/** Qwen's ChatML, as `apply_chat_template(..., add_generation_prompt=False)` renders system/user/assistant. */
export function renderQwenChatMl(problemText: string, assistant: string, systemPrompt: string): string {
  return `<|im_start|>system\n${systemPrompt}<|im_end|>\n<|im_start|>user\n${problemText}<|im_end|>\n<|im_start|>assistant\n${assistant}<|im_end|>\n`;
}

/** steps joined, each followed by the separator; separators inside a step are removed (they would add a step). */
export function assistantText(steps: readonly string[], separator: string): string {
  return steps.map((s) => s.split(separator).join('').trim() + separator).join('');
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function promptFields(request: RewardRequest, s: PromptSettings): Record<string, unknown> {
  const assistant = assistantText(request.steps, s.stepSeparator);
  if (s.prompt === 'text') return { input: s.renderText(request.problem.text, assistant, s.systemPrompt) };
  const user =
    s.includeImages && request.problem.images.length > 0
      ? [
          ...request.problem.images.map((img) => ({ type: 'image_url', image_url: { url: `data:${img.mime};base64,${base64(img.data)}` } })),
          { type: 'text', text: request.problem.text },
        ]
      : request.problem.text;
  return {
    messages: [
      { role: 'system', content: s.systemPrompt },
      { role: 'user', content: user },
      { role: 'assistant', content: assistant },
    ],
  };
}

function invalid(message: string): Error {
  return new Error(message);
}

function checkProbability(p: unknown, where: string): number {
  if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 1) throw invalid(`${where} is ${JSON.stringify(p)}, not a probability in [0, 1]`);
  return p;
}

function isNumberArray(x: unknown): x is number[] {
  return Array.isArray(x) && x.every((v) => typeof v === 'number');
}

export const vllmPoolingFormat: RewardFormat = {
  endpoint: '/pooling',
  body(request, s) {
    return { model: s.model, ...promptFields(request, s), ...(s.task ? { task: s.task } : {}), ...s.extraBody };
  },
  score(response, request, s) {
    const data = (response as { data?: unknown }).data;
    if (!Array.isArray(data) || data.length === 0) throw invalid('response has no data[] (is this a vLLM /pooling endpoint?)');
    const rows = (data[0] as { data?: unknown }).data;
    if (typeof rows === 'string') throw invalid('data[0].data is a string (base64 encoding?); ask for float output');
    // list[float]: one distribution for the whole input (a last-token classifier behind /pooling).
    if (isNumberArray(rows)) return checkProbability(rows.length === 1 ? rows[0] : rows[s.positiveIndex], 'data[0].data[positiveIndex]');
    if (!Array.isArray(rows) || rows.length === 0 || !rows.every(isNumberArray)) throw invalid('data[0].data is not a list of per-step reward rows');
    if (s.checkStepCount && rows.length !== request.steps.length) {
      throw invalid(
        `got ${rows.length} step rewards for ${request.steps.length} steps: the server's step tag must be the separator ` +
          `'${s.stepSeparator}' (one reward per separator token); set checkStepCount false to take the last row anyway`,
      );
    }
    const last = rows[rows.length - 1] as number[];
    return checkProbability(last.length === 1 ? last[0] : last[s.positiveIndex], `reward of step ${rows.length}`);
  },
};

export const classifyFormat: RewardFormat = {
  endpoint: '/classify',
  body(request, s) {
    return { model: s.model, ...promptFields(request, s), ...s.extraBody };
  },
  score(response, _request, s) {
    const data = (response as { data?: Array<{ probs?: unknown }> }).data;
    const probs = Array.isArray(data) ? data[0]?.probs : undefined;
    if (!isNumberArray(probs)) throw invalid('response has no data[0].probs (is this a vLLM /classify endpoint?)');
    return checkProbability(probs[s.positiveIndex], 'data[0].probs[positiveIndex]');
  },
};

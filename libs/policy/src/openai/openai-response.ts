/**
 * Turns a chat completion into proposals: step text, whether the step ends the solution, the
 * extracted answer and the tokens it cost.
 *
 * Terminal rule (in order):
 * 1. a `finalize` request: the search ends there whatever the model wrote;
 * 2. the extracted answer is present ("The answer is X.");
 * 3. the model ended the message itself: `finish_reason: 'stop'` and the server names what stopped
 *    it (vLLM `stop_reason`, SGLang `matched_stop`) and it is not our step delimiter — vLLM reports
 *    `stop_reason: null` for EOS. Servers that do not say (OpenAI, Ollama) cannot tell EOS from the
 *    delimiter, so there only rules 1–2 apply.
 * A step cut by `max_tokens` (`finish_reason: 'length'`) is never terminal by rule 3.
 */
import type { Problem, Proposal } from '@prmbas/search';
import type { ExtractAnswer } from './openai-config';

export interface ChatChoice {
  index?: number;
  message?: { content?: string | null } | null;
  finish_reason?: string | null;
  /** vLLM: the stop string or token id that stopped generation; null for EOS. */
  stop_reason?: string | number | null;
  /** SGLang: the matched stop string, or the EOS token id. */
  matched_stop?: string | number | null;
  logprobs?: { content?: unknown[] | null } | null;
}

export interface ChatCompletion {
  choices: ChatChoice[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

/** Narrow an unknown JSON body to a chat completion, or say why it is not one. */
export function asChatCompletion(json: unknown): ChatCompletion | string {
  if (!json || typeof json !== 'object') return 'body is not an object';
  const choices = (json as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) return 'no `choices` array';
  for (const c of choices) {
    if (!c || typeof c !== 'object') return 'a choice is not an object';
    const content = (c as ChatChoice).message?.content;
    if (content !== undefined && content !== null && typeof content !== 'string') return 'a choice has non-text content';
  }
  return json as ChatCompletion;
}

/** True when the model ended the message itself (rule 3 above). */
export function endedByModel(choice: ChatChoice, stops: readonly string[]): boolean {
  if (choice.finish_reason !== 'stop') return false;
  if ('stop_reason' in choice) return choice.stop_reason === null || choice.stop_reason === undefined || !stops.includes(String(choice.stop_reason));
  if ('matched_stop' in choice) return typeof choice.matched_stop !== 'string' || !stops.includes(choice.matched_stop);
  return false;
}

/**
 * Tokens per choice: exact when the server returned per-token logprobs for every choice, else
 * `usage.completion_tokens` split in proportion to text length (largest remainder, so the parts sum
 * to the total; +1 per choice for the stop token). Undefined when the server reports no usage.
 */
export function tokensPerChoice(completion: ChatCompletion, texts: readonly string[]): Array<number | undefined> {
  const exact = completion.choices.map((c) => (Array.isArray(c.logprobs?.content) ? c.logprobs.content.length : undefined));
  if (exact.every((t) => t !== undefined)) return exact;
  const total = completion.usage?.completion_tokens;
  if (typeof total !== 'number' || !Number.isFinite(total)) return texts.map(() => undefined);
  const weights = texts.map((t) => t.length + 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

/** The step text: without a trailing delimiter (servers that echo stop strings) and outer whitespace. */
export function stepText(content: string, delimiter: string): string {
  let text = content;
  while (text.endsWith(delimiter)) text = text.slice(0, -delimiter.length);
  return text.trim();
}

export interface ProposalContext {
  problem: Problem;
  delimiter: string;
  finalize: boolean;
  extractAnswer: ExtractAnswer;
}

export function toProposals(completion: ChatCompletion, ctx: ProposalContext): Proposal[] {
  const choices = completion.choices.slice().sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const sorted = { ...completion, choices };
  const texts = choices.map((c) => stepText(c.message?.content ?? '', ctx.delimiter));
  const tokens = tokensPerChoice(sorted, texts);
  return choices.map((choice, i) => {
    const text = texts[i] ?? '';
    const answer = ctx.extractAnswer(text, ctx.problem);
    const terminal = ctx.finalize || answer !== undefined || endedByModel(choice, [ctx.delimiter]);
    const proposal: Proposal = { text, terminal };
    if (answer !== undefined) proposal.answer = answer;
    const t = tokens[i];
    if (t !== undefined) proposal.tokens = t;
    return proposal;
  });
}

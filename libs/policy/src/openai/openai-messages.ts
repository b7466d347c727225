/**
 * Turns a state (problem + steps so far) into OpenAI chat messages: images as `image_url` parts with
 * data URLs, the steps either as a partial assistant message to continue or inside the user message.
 */
import type { Problem, ProblemImage } from '@prmbas/search';

export type ChatContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | ChatContentPart[];
}

export interface PromptConfig {
  systemPrompt: string;
  stepDelimiter: string;
  nextStepInstruction: string;
  finalizeInstruction: string;
  stepsHeading: string;
}

export interface BuiltPrompt {
  messages: ChatMessage[];
  /** The last message is a partial assistant turn the server must continue (not answer anew). */
  continueFinal: boolean;
}

// Base64 of a chart is ~100 kB and a search re-sends it on every call: encode each image once.
const dataUrlCache = new WeakMap<Uint8Array, string>();

export function imageDataUrl(image: ProblemImage): string {
  let base64 = dataUrlCache.get(image.data);
  if (base64 === undefined) {
    base64 = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength).toString('base64');
    dataUrlCache.set(image.data, base64);
  }
  return `data:${image.mime};base64,${base64}`;
}

/** The question text, with the options listed as "(A) ..." unless the text already lists them. */
export function problemText(problem: Problem): string {
  const choices = problem.choices ?? [];
  if (choices.length === 0) return problem.text;
  const lines = choices.map((c, i) => `(${String.fromCharCode(65 + i)}) ${c}`);
  // MathVista's `query` already ends with "Choices:\n(A) ...": do not list them twice.
  if (lines[0] !== undefined && problem.text.includes(lines[0])) return problem.text;
  return `${problem.text}\n\nChoices:\n${lines.join('\n')}`;
}

/**
 * The user turn: image parts first (the order VLM chat templates such as Qwen2-VL's are trained
 * on), then the text. A plain string when there are no images, which text-only servers require.
 */
export function userContent(problem: Problem, extraText?: string): string | ChatContentPart[] {
  const text = extraText ? `${problemText(problem)}\n\n${extraText}` : problemText(problem);
  if (problem.images.length === 0) return text;
  return [
    ...problem.images.map((image): ChatContentPart => ({ type: 'image_url', image_url: { url: imageDataUrl(image) } })),
    { type: 'text', text },
  ];
}

/**
 * Layouts (d = the step delimiter):
 * - no steps yet: [system, user(question)] (+ the finalize instruction in the user turn);
 * - continue: [system, user(question), assistant(steps joined by d, plus a trailing d)] continued
 *   by the server, so the model writes the next paragraph of its own solution;
 * - continue + finalize: [system, user(question), assistant(steps), user(finalize instruction)]:
 *   a continued message cannot carry an instruction, so the request for the answer is a new turn;
 * - instruct: [system, user(question, heading, steps, next-step or finalize instruction)].
 */
export function buildMessages(
  problem: Problem,
  steps: readonly string[],
  mode: 'continue' | 'instruct',
  finalize: boolean,
  prompts: PromptConfig,
): BuiltPrompt {
  const system: ChatMessage = { role: 'system', content: prompts.systemPrompt };
  const d = prompts.stepDelimiter;
  if (steps.length === 0) {
    return { messages: [system, { role: 'user', content: userContent(problem, finalize ? prompts.finalizeInstruction : undefined) }], continueFinal: false };
  }
  const solution = steps.join(d);
  if (mode === 'continue') {
    const user: ChatMessage = { role: 'user', content: userContent(problem) };
    if (finalize) {
      return {
        messages: [system, user, { role: 'assistant', content: solution }, { role: 'user', content: prompts.finalizeInstruction }],
        continueFinal: false,
      };
    }
    return { messages: [system, user, { role: 'assistant', content: solution + d }], continueFinal: true };
  }
  const instruction = finalize ? prompts.finalizeInstruction : prompts.nextStepInstruction;
  return {
    messages: [system, { role: 'user', content: userContent(problem, `${prompts.stepsHeading}\n\n${solution}\n\n${instruction}`) }],
    continueFinal: false,
  };
}

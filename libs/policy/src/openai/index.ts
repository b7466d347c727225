export { OpenAIPolicy } from './openai-policy';
export type { OpenAIPolicyStats } from './openai-policy';
export { OpenAIPolicyError } from './openai-error';
export type { OpenAIPolicyErrorKind } from './openai-error';
export { DEFAULT_SYSTEM_PROMPT, OPENAI_POLICY_DEFAULTS } from './openai-config';
export type { ContinuationMode, ExtractAnswer, OpenAIPolicyOptions } from './openai-config';
export { extractAnswerDefault } from './extract-answer';
export { buildMessages, imageDataUrl, problemText } from './openai-messages';
export type { ChatContentPart, ChatMessage } from './openai-messages';
export {
  OPENAI_API_KEY_ENV,
  OPENAI_SPEC_PREFIX,
  createOpenAIPolicyFromSpec,
  isOpenAIPolicySpec,
  parseOpenAIPolicySpec,
} from './openai-spec';
export type { OpenAIPolicySpecOptions } from './openai-spec';

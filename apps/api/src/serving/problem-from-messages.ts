/**
 * Chat messages → the `Problem` a search runs on. The question is what the user said: the text of
 * every user message (joined by blank lines) and their images in order. System and developer
 * messages are not part of it (a deployment's policy has its own system prompt, tuned to the step
 * format the search needs), nor are earlier assistant turns (the search reasons from scratch).
 */
import type { Problem, ProblemImage } from '@prmbas/search';
import { AppError } from '../errors/app-error';
import { answerFormatOf, type AnswerFormat } from './answer-format';
import type { TChatCompletionRequest } from './chat-completion.schemas';
import { decodeImageDataUrl } from './data-url-image';

/** Images one request may carry (the policy sees them all on every call). */
export const MAX_IMAGES_PER_REQUEST = 8;

export interface ServedQuestion {
  /** Without `id`: the trace id becomes it. */
  problem: Omit<Problem, 'id'>;
  format: AnswerFormat;
  /** The request field of each image, for errors about a particular one. */
  imageParams: string[];
}

export function questionFromMessages(request: TChatCompletionRequest, limits: { maxImageBytes: number }): ServedQuestion {
  const texts: string[] = [];
  const images: ProblemImage[] = [];
  const imageParams: string[] = [];
  request.messages.forEach((message, m) => {
    if (message.role !== 'user' || message.content === null || message.content === undefined) return;
    if (typeof message.content === 'string') {
      if (message.content.trim() !== '') texts.push(message.content);
      return;
    }
    const parts: string[] = [];
    message.content.forEach((part, p) => {
      if (part.type === 'text') {
        if (part.text.trim() !== '') parts.push(part.text);
        return;
      }
      const param = `messages.${m}.content.${p}.image_url.url`;
      if (images.length >= MAX_IMAGES_PER_REQUEST) {
        throw AppError.validation(`${param}: at most ${MAX_IMAGES_PER_REQUEST} images per request`, { param, code: 'too_many_images' });
      }
      images.push(decodeImageDataUrl(part.image_url.url, param, limits.maxImageBytes));
      imageParams.push(param);
    });
    if (parts.length > 0) texts.push(parts.join('\n'));
  });
  if (!request.messages.some((m) => m.role === 'user')) {
    throw AppError.validation('messages: must contain a user message (the question)', { param: 'messages', code: 'missing_question' });
  }
  if (texts.length === 0 && images.length === 0) {
    throw AppError.validation('messages: the user messages hold no text and no image', { param: 'messages', code: 'missing_question' });
  }
  const text = texts.join('\n\n');
  const format = answerFormatOf(text, request.prmbas);
  const { source: _source, ...answerFormat } = format;
  return { problem: { text, images, ...answerFormat }, format, imageParams };
}

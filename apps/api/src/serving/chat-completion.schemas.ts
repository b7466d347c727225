/**
 * The request of POST /v1/chat/completions: the subset of OpenAI's Chat Completions request the
 * served search interprets, shaped so the official `openai` SDK's requests pass unchanged. Unknown
 * top-level fields are accepted and ignored (SDKs add fields over time; see the README for what is
 * ignored); what we do interpret is checked, naming the field (`messages.0.content.1.type`).
 *
 * `prmbas` is our extension (the SDK sends extra body fields as given): overrides of the
 * deployment's strategy for this request, and the answer format when the prompt does not say it.
 */
import { z } from 'zod';

export const ZTextPart = z.object({ type: z.literal('text'), text: z.string({ error: 'must be a string' }) });

export const ZImageUrlPart = z.object({
  type: z.literal('image_url'),
  image_url: z.object(
    {
      /** A data URL (`data:image/png;base64,...`); remote URLs are refused (the server fetches nothing). */
      url: z.string({ error: 'must be a data URL such as data:image/png;base64,...' }),
      detail: z.enum(['auto', 'low', 'high'], { error: 'must be auto, low or high' }).optional(),
    },
    { error: 'must be an object { url }' },
  ),
});

export const ZContentPart = z.discriminatedUnion('type', [ZTextPart, ZImageUrlPart], {
  error: "must be a content part of type 'text' or 'image_url'",
});

export type TContentPart = z.infer<typeof ZContentPart>;

/**
 * A string or an array of parts. Checked in two stages so an error inside a part names the part
 * (`messages.0.content.1.image_url.url`) instead of the whole union (`messages.0.content`).
 */
const ZMessageContent = z
  .union([z.string(), z.array(z.unknown())], { error: 'must be a string or an array of content parts' })
  .transform((value, ctx): string | TContentPart[] => {
    if (typeof value === 'string') return value;
    const parts = z.array(ZContentPart).safeParse(value);
    if (parts.success) return parts.data;
    for (const issue of parts.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  });

export const ZChatMessage = z.object(
  {
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool'], { error: 'must be system, developer, user, assistant or tool' }),
    content: ZMessageContent.nullable().optional(),
    name: z.string().optional(),
  },
  { error: 'must be a message object { role, content }' },
);
export type TChatMessage = z.infer<typeof ZChatMessage>;

export const ZPrmbasRequestExtension = z.strictObject(
  {
    /** Fields of the deployment's search config to change for this request (e.g. `{ seed: 3 }`, `{ schedule: { b0: 4 } }`). */
    strategy: z.record(z.string(), z.unknown(), { error: 'must be an object of search config fields' }).optional(),
    answer_type: z.enum(['number', 'choice', 'text'], { error: 'must be number, choice or text' }).optional(),
    /** Options of a multiple-choice question, in order (option i has letter 'A' + i). */
    choices: z.array(z.string().min(1)).min(2, 'must list at least 2 options').max(26).optional(),
    /** Decimals a numeric answer is expected with. */
    precision: z.number().int().min(0).max(10).optional(),
    unit: z.string().max(32).optional(),
  },
  { error: 'must be an object' },
);
export type TPrmbasRequestExtension = z.infer<typeof ZPrmbasRequestExtension>;

export const ZChatCompletionRequest = z
  .looseObject({
    /** The deployment's name. */
    model: z.string({ error: 'must name a deployment (GET /v1/models lists them)' }).min(1, 'must name a deployment (GET /v1/models lists them)'),
    messages: z.array(ZChatMessage, { error: 'must be an array of messages' }).min(1, 'must hold at least one message'),
    stream: z.boolean({ error: 'must be true or false' }).nullable().optional(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullable().optional(),
    /** Sampling temperature of the policy; replaces the strategy's `temperature` when it has one. */
    temperature: z.number({ error: 'must be a number in [0, 2]' }).min(0, 'must be a number in [0, 2]').max(2, 'must be a number in [0, 2]').nullable().optional(),
    /** The search's seed (same seed, same question, same deployment: the same search). */
    seed: z.number({ error: 'must be an integer' }).int('must be an integer').nullable().optional(),
    /** One answer per request: the search itself samples many candidates. */
    n: z.literal(1, { error: 'only n = 1 is supported (the search returns its one best answer)' }).nullable().optional(),
    prmbas: ZPrmbasRequestExtension.optional(),
  })
  .meta({ id: 'ChatCompletionRequest' });
export type TChatCompletionRequest = z.infer<typeof ZChatCompletionRequest>;
